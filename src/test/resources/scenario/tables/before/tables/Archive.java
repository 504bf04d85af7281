package tables;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** Dropped together with the table that references it: the drop must come after ArchiveEntry's. */
@Entity
public class Archive {
    @Id
    Long id;

    @Column(length = 100)
    String title;
}
