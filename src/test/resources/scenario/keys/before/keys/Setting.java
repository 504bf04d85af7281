package keys;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;

@Entity
public class Setting {
    @Id
    @Column(length = 50)
    String name;

    @Column(nullable = false, length = 20)
    String scope;

    @Column(length = 100)
    String content;
}
