package nullability;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import org.hibernate.annotations.ColumnDefault;
import org.hibernate.annotations.Comment;

/**
 * email becomes NOT NULL and nickname nullable; status's default changes, score's goes, region gets one;
 * the table and phone get comments (which SQLite cannot store).
 */
@Entity
@Comment("accounts of the shop")
public class Account {
    @Id
    Long id;

    @Column(nullable = false, length = 100)
    String email;

    @Column(length = 50)
    String nickname;

    @ColumnDefault("'open'")
    @Column(length = 10)
    String status;

    Integer score;

    @ColumnDefault("'eu'")
    @Column(length = 10)
    String region;

    @Comment("with country code")
    @Column(length = 20)
    String phone;
}
