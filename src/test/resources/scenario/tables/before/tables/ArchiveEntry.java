package tables;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;

@Entity
public class ArchiveEntry {
    @Id
    Long id;

    @ManyToOne(optional = false)
    Archive archive;

    String body;
}
