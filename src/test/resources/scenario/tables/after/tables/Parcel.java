package tables;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;

@Entity
public class Parcel {
    @Id
    Long id;

    @ManyToOne(optional = false)
    Shipment shipment;

    int weight;
}
