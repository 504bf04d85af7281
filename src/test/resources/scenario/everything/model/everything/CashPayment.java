package everything;

import jakarta.persistence.Entity;

@Entity
public class CashPayment extends Payment {
    boolean receiptPrinted;
}
