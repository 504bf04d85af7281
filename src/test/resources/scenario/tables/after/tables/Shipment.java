package tables;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;

/** Added with Parcel, which references it; "Parcel" sorts first, yet Shipment must be created first. */
@Entity
public class Shipment {
    @Id
    Long id;

    @ManyToOne
    Customer customer;

    @Column(length = 30)
    String trackingCode;
}
