package keys;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;

/** The primary key grows from (name) to (name, scope); the rows are unique on both. */
@Entity
@IdClass(SettingKey.class)
public class Setting {
    @Id
    @Column(length = 50)
    String name;

    @Id
    @Column(nullable = false, length = 20)
    String scope;

    @Column(length = 100)
    String content;
}
