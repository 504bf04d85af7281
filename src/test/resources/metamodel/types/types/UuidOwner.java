package types;

import jakarta.persistence.*;
import java.util.UUID;

/** A UUID primary key, so that a foreign key column takes its type from it. */
@Entity
public class UuidOwner {
    @Id UUID id;
    String name;
}
