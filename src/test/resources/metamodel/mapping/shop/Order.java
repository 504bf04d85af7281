package shop;

import jakarta.persistence.*;

/** A quoted table name and a quoted column; a reserved word as a plain column name. */
@Entity
@Table(name = "\"Order\"")
public class Order {
    @Id @GeneratedValue(strategy = GenerationType.IDENTITY) Long id;
    @Column(name = "\"from\"") String from;
    @Column(name = "select") String select;
    @ManyToOne Group group;
}
