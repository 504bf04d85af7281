package shop;

import jakarta.persistence.*;

/** Reserved words as plain (unquoted) names. */
@Entity
@Table(name = "group")
public class Group {
    @Id @GeneratedValue(strategy = GenerationType.IDENTITY) Long id;
    @Column(name = "user") String user;
    @Column(name = "order") int order;
}
