package shop;

import jakarta.persistence.*;

@Entity
public class CashPayment extends Payment {
    boolean receiptPrinted;
}
