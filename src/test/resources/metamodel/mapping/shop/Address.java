package shop;

import jakarta.persistence.*;

@Embeddable
public class Address {
    @Column(length = 100) String street;
    @Column(length = 40) String city;
    @Column(name = "zip_code", length = 10) String zip;
}
