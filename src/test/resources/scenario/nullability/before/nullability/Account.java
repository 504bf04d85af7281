package nullability;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import org.hibernate.annotations.ColumnDefault;

@Entity
public class Account {
    @Id
    Long id;

    @Column(length = 100)
    String email;

    @Column(nullable = false, length = 50)
    String nickname;

    @ColumnDefault("'active'")
    @Column(length = 10)
    String status;

    @ColumnDefault("0")
    Integer score;

    @Column(length = 10)
    String region;

    @Column(length = 20)
    String phone;
}
