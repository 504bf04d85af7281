package keys;

import java.io.Serializable;
import java.util.Objects;

public class SettingKey implements Serializable {
    String name;
    String scope;

    @Override
    public boolean equals(Object o) {
        return o instanceof SettingKey k && Objects.equals(name, k.name) && Objects.equals(scope, k.scope);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, scope);
    }
}
