package types;

import jakarta.persistence.*;

@Entity
public class UuidChild {
    @Id @GeneratedValue(strategy = GenerationType.IDENTITY) Long id;
    @ManyToOne UuidOwner owner;
    @ManyToOne AllTypes allTypes;
}
