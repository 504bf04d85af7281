package shop;

import jakarta.persistence.*;

@Entity
@PrimaryKeyJoinColumn(name = "payment_id")
public class CardPayment extends Payment {
    @Column(length = 4) String lastDigits;
}
