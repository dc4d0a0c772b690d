<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name></name>
    <message>
        <location filename="../../ui/register/register_view.py" line="157"/>
        <source>Quantity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/register/register_view.py" line="159"/>
        <source>Discount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/register/register_view.py" line="161"/>
        <source>Void line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/register/register_view.py" line="161"/>
        <source>Del</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/register/register_view.py" line="164"/>
        <source>Sale disc.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/register/register_view.py" line="164"/>
        <source>⇧F5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/register/register_view.py" line="165"/>
        <source>Sale discount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/register/register_view.py" line="166"/>
        <source>Discount on the whole sale (Shift+F5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/register/register_view.py" line="167"/>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/register/register_view.py" line="169"/>
        <source>New sale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/register/register_view.py" line="169"/>
        <source>Ctrl+N</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/register/register_view.py" line="171"/>
        <source>Park sale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/register/register_view.py" line="173"/>
        <source>Pay by card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/register/register_view.py" line="175"/>
        <source>Pay cash</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CardTerminalDialog</name>
    <message>
        <location filename="../../ui/checkout/card_terminal.py" line="113"/>
        <source>Card payment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/checkout/card_terminal.py" line="117"/>
        <source>Charge on the card terminal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/checkout/card_terminal.py" line="121"/>
        <source>Amount to charge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/checkout/card_terminal.py" line="122"/>
        <source>Type this amount on the card terminal. When it shows “Approved”, confirm here. Never type the card number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/checkout/card_terminal.py" line="128"/>
        <source>Last 4 digits of the card (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/checkout/card_terminal.py" line="129"/>
        <source>optional</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/checkout/card_terminal.py" line="135"/>
        <source>Card brand (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/checkout/card_terminal.py" line="136"/>
        <source>Not noted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/checkout/card_terminal.py" line="145"/>
        <source>Last 4 digits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/checkout/card_terminal.py" line="146"/>
        <source>Brand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/checkout/card_terminal.py" line="148"/>
        <source>Approved  (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/checkout/card_terminal.py" line="150"/>
        <source>The terminal approved the payment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/checkout/card_terminal.py" line="153"/>
        <source>Not approved  (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/checkout/card_terminal.py" line="155"/>
        <source>The payment was not approved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/checkout/card_terminal.py" line="182"/>
        <source>Type exactly the last 4 digits of the card, or leave the field empty.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CartTable</name>
    <message>
        <location filename="../../ui/register/cart_table.py" line="24"/>
        <source>Cart</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CartTableModel</name>
    <message>
        <location filename="../../ui/register/cart_model.py" line="55"/>
        <source>Item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/register/cart_model.py" line="55"/>
        <source>Qty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/register/cart_model.py" line="55"/>
        <source>Price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/register/cart_model.py" line="56"/>
        <source>Discount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/register/cart_model.py" line="56"/>
        <source>Total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/register/cart_model.py" line="154"/>
        <source>price: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/register/cart_model.py" line="196"/>
        <source>{weight} kg</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/register/cart_model.py" line="201"/>
        <source>{price}/kg</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CheckoutDialog</name>
    <message>
        <location filename="../../ui/checkout/checkout_dialog.py" line="77"/>
        <source>Checkout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/checkout/checkout_dialog.py" line="126"/>
        <source>Cash   F2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/checkout/checkout_dialog.py" line="127"/>
        <source>Pay in cash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/checkout/checkout_dialog.py" line="128"/>
        <source>Card   F3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/checkout/checkout_dialog.py" line="129"/>
        <source>Pay by card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/checkout/checkout_dialog.py" line="143"/>
        <source>Amount tendered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/checkout/checkout_dialog.py" line="151"/>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/checkout/checkout_dialog.py" line="159"/>
        <source>Press Enter, charge this amount on the card terminal, then confirm it here. A smaller amount is a part payment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/checkout/checkout_dialog.py" line="168"/>
        <source>Cancel   Esc</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/checkout/checkout_dialog.py" line="169"/>
        <source>Cancel the checkout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/checkout/checkout_dialog.py" line="170"/>
        <source>Part payment   F4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/checkout/checkout_dialog.py" line="171"/>
        <source>Take this cash as a part payment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/checkout/checkout_dialog.py" line="174"/>
        <source>Complete the sale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/checkout/checkout_dialog.py" line="189"/>
        <source>Sale complete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/checkout/checkout_dialog.py" line="191"/>
        <source>Receipt number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/checkout/checkout_dialog.py" line="194"/>
        <location filename="../../ui/checkout/checkout_dialog.py" line="197"/>
        <source>Change due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/checkout/checkout_dialog.py" line="204"/>
        <source>Next sale   Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/checkout/checkout_dialog.py" line="205"/>
        <source>Close and start the next sale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/checkout/checkout_dialog.py" line="223"/>
        <source>Cash received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/checkout/checkout_dialog.py" line="224"/>
        <source>Amount to charge on the card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/checkout/checkout_dialog.py" line="242"/>
        <source>Complete sale   Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/checkout/checkout_dialog.py" line="244"/>
        <source>Charge card   Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/checkout/checkout_dialog.py" line="275"/>
        <source>Type the amount received, or choose a quick-cash amount.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/checkout/checkout_dialog.py" line="277"/>
        <source>Type the amount to charge on the card.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/checkout/checkout_dialog.py" line="335"/>
        <source>{amount} is still due. Type more, or press F4 to take this as a part payment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/checkout/checkout_dialog.py" line="361"/>
        <source>The card was not charged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/checkout/checkout_dialog.py" line="379"/>
        <source>The card payment stays: it was not voided.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/checkout/checkout_dialog.py" line="403"/>
        <source>Receipt {number}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/checkout/checkout_dialog.py" line="430"/>
        <source>Void the card payment before cancelling, or complete the sale.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CustomerDialog</name>
    <message>
        <location filename="../../ui/register/customer_dialog.py" line="47"/>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/register/customer_dialog.py" line="54"/>
        <source>Find a customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/register/customer_dialog.py" line="55"/>
        <source>Phone number or name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/register/customer_dialog.py" line="58"/>
        <source>Customers found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/register/customer_dialog.py" line="63"/>
        <source>&amp;Find:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/register/customer_dialog.py" line="70"/>
        <source>&amp;Ship later to this address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/register/customer_dialog.py" line="75"/>
        <source>Delivery address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/register/customer_dialog.py" line="85"/>
        <source>&amp;Remove customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/register/customer_dialog.py" line="90"/>
        <source>&amp;Attach</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/register/customer_dialog.py" line="106"/>
        <source>New customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/register/customer_dialog.py" line="112"/>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/register/customer_dialog.py" line="113"/>
        <source>P&amp;hone:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/register/customer_dialog.py" line="114"/>
        <source>E&amp;mail:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/register/customer_dialog.py" line="115"/>
        <source>A&amp;ddress:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/register/customer_dialog.py" line="119"/>
        <source>Sa&amp;ve new customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/register/customer_dialog.py" line="175"/>
        <source>Customer: {customer}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/register/customer_dialog.py" line="176"/>
        <source>No customer chosen yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/register/customer_dialog.py" line="181"/>
        <source>Find or create a customer first.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DiscountDialog</name>
    <message>
        <location filename="../../ui/register/discount_dialog.py" line="35"/>
        <source>&amp;Percent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/register/discount_dialog.py" line="37"/>
        <source>&amp;Amount ({currency})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/register/discount_dialog.py" line="51"/>
        <source>Discount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/register/discount_dialog.py" line="52"/>
        <source>10 for 10 %, or an amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/register/discount_dialog.py" line="58"/>
        <source>&amp;Remove discount</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <location filename="../../ui/history/filter_bar.py" line="57"/>
        <source>&amp;Dates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/filter_bar.py" line="58"/>
        <source>Filter by dates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/filter_bar.py" line="60"/>
        <source>From date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/filter_bar.py" line="62"/>
        <source>To date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/filter_bar.py" line="63"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/filter_bar.py" line="64"/>
        <source>All statuses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/filter_bar.py" line="66"/>
        <source>Paid by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/filter_bar.py" line="67"/>
        <source>Any tender</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/filter_bar.py" line="69"/>
        <source>Minimum total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/filter_bar.py" line="70"/>
        <source>Min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/filter_bar.py" line="71"/>
        <source>Maximum total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/filter_bar.py" line="72"/>
        <source>Max</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/filter_bar.py" line="73"/>
        <source>C&amp;lear filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/filter_bar.py" line="74"/>
        <source>Clear filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/filter_bar.py" line="91"/>
        <source>Receipt number (T1-000042 or 42) or order id, then Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/filter_bar.py" line="93"/>
        <source>Find an order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/filter_bar.py" line="94"/>
        <source>Type a receipt number or an order id and press Enter; clear it to see all orders.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/filter_bar.py" line="131"/>
        <source>&amp;Find:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/filter_bar.py" line="137"/>
        <source>&amp;Status:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/filter_bar.py" line="138"/>
        <source>&amp;Paid by:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/filter_bar.py" line="152"/>
        <source>&amp;Total:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/filter_bar.py" line="221"/>
        <source>minimum total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/filter_bar.py" line="222"/>
        <source>maximum total</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HistoryView</name>
    <message>
        <location filename="../../ui/history/history_view.py" line="64"/>
        <source>Order history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/history_view.py" line="76"/>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/history_view.py" line="112"/>
        <source>Orders, newest first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/history_view.py" line="232"/>
        <source>Showing the order found for “{text}”. Clear the search to see all orders.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/history_view.py" line="249"/>
        <source>No orders match these filters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/history_view.py" line="367"/>
        <source>Cancel order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/history_view.py" line="368"/>
        <source>Cancel this order? Its items go back into stock. This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/history_view.py" line="379"/>
        <source>Printing is not set up yet, so the receipt cannot be printed again. Printing arrives with the receipts setup.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keypad</name>
    <message>
        <location filename="../../ui/checkout/keypad.py" line="26"/>
        <location filename="../../ui/checkout/keypad.py" line="28"/>
        <source>Digit {digit}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/checkout/keypad.py" line="29"/>
        <source>Double zero</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/checkout/keypad.py" line="30"/>
        <source>Decimal sign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/checkout/keypad.py" line="32"/>
        <source>Delete the last digit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/checkout/keypad.py" line="34"/>
        <source>C</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/checkout/keypad.py" line="34"/>
        <source>Clear the amount</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="70"/>
        <source>Register</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="71"/>
        <source>Orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="72"/>
        <source>Products</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="73"/>
        <source>Reports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="74"/>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="105"/>
        <source>Store: {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="112"/>
        <source>Cards: external terminal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="128"/>
        <source>Terminal {terminal}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="130"/>
        <source>Cashier: {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="138"/>
        <source>{store} — Point of Sale</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MessageBar</name>
    <message>
        <location filename="../../ui/register/message_bar.py" line="20"/>
        <source>Register message</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OrderDetailsPane</name>
    <message>
        <location filename="../../ui/history/details_pane.py" line="37"/>
        <source>Order details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/details_pane.py" line="41"/>
        <source>Choose an order to see its lines, payments and history.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/details_pane.py" line="47"/>
        <source>Receipt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/details_pane.py" line="49"/>
        <source>Order status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/details_pane.py" line="51"/>
        <source>Order information</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/details_pane.py" line="52"/>
        <source>Order lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/details_pane.py" line="53"/>
        <source>Order totals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/details_pane.py" line="54"/>
        <location filename="../../ui/history/details_pane.py" line="112"/>
        <source>Payments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/details_pane.py" line="55"/>
        <location filename="../../ui/history/details_pane.py" line="57"/>
        <source>Refunds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/details_pane.py" line="56"/>
        <source>Status timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/details_pane.py" line="59"/>
        <source>&amp;Refund…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/details_pane.py" line="60"/>
        <source>Refund</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/details_pane.py" line="61"/>
        <source>Ca&amp;ncel order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/details_pane.py" line="62"/>
        <source>Cancel order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/details_pane.py" line="63"/>
        <source>Mark s&amp;hipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/details_pane.py" line="64"/>
        <source>Mark shipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/details_pane.py" line="65"/>
        <source>Mark co&amp;mpleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/details_pane.py" line="66"/>
        <source>Mark completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/details_pane.py" line="67"/>
        <source>R&amp;eprint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/details_pane.py" line="68"/>
        <source>Reprint receipt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/details_pane.py" line="109"/>
        <source>Items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/details_pane.py" line="116"/>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/details_pane.py" line="162"/>
        <source>Receipt {receipt}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/details_pane.py" line="163"/>
        <source>Unpaid order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/details_pane.py" line="187"/>
        <source>Terminal {terminal}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/details_pane.py" line="189"/>
        <source>Customer: {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/details_pane.py" line="192"/>
        <source>no address given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/details_pane.py" line="193"/>
        <source>Ship to: {address}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/details_pane.py" line="202"/>
        <source>{quantity} × {price}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/details_pane.py" line="206"/>
        <source>discount {amount}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/details_pane.py" line="209"/>
        <source>{quantity} refunded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/details_pane.py" line="216"/>
        <source>{weight} kg</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/details_pane.py" line="222"/>
        <source>{price}/kg</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/details_pane.py" line="225"/>
        <source>Subtotal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/details_pane.py" line="225"/>
        <source>Tax</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/details_pane.py" line="227"/>
        <source>Discount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/details_pane.py" line="229"/>
        <source>Cash rounding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/details_pane.py" line="231"/>
        <source>Total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/details_pane.py" line="232"/>
        <source>Paid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/details_pane.py" line="234"/>
        <source>Refunded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/details_pane.py" line="240"/>
        <source>No payment yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/details_pane.py" line="245"/>
        <source>{tender} · {brand} •••• {last4}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/details_pane.py" line="250"/>
        <source>given {tendered}, change {change}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/details_pane.py" line="259"/>
        <source>restocked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/details_pane.py" line="259"/>
        <source>not restocked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/details_pane.py" line="262"/>
        <source>To {tender}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OrderHistory</name>
    <message>
        <location filename="../../ui/history/labels.py" line="29"/>
        <source>Unpaid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/labels.py" line="30"/>
        <source>Paid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/labels.py" line="31"/>
        <source>Shipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/labels.py" line="32"/>
        <source>Completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/labels.py" line="33"/>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/labels.py" line="34"/>
        <source>Partly refunded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/labels.py" line="35"/>
        <source>Refunded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/labels.py" line="46"/>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/labels.py" line="52"/>
        <source>Cash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/labels.py" line="54"/>
        <source>Card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/labels.py" line="65"/>
        <source>1 item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/labels.py" line="66"/>
        <source>{count} items</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OrderTableModel</name>
    <message>
        <location filename="../../ui/history/order_table_model.py" line="104"/>
        <source>Receipt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/order_table_model.py" line="104"/>
        <source>Date and time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/order_table_model.py" line="104"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/order_table_model.py" line="105"/>
        <source>Customer / items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/order_table_model.py" line="105"/>
        <source>Total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/order_table_model.py" line="105"/>
        <source>Paid by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/order_table_model.py" line="279"/>
        <source>{customer} · {items}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ParkedDialog</name>
    <message>
        <location filename="../../ui/register/parked_dialog.py" line="17"/>
        <source>Recall a parked sale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/register/parked_dialog.py" line="20"/>
        <source>Parked sales on this terminal, oldest first:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/register/parked_dialog.py" line="23"/>
        <source>Parked sales</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/register/parked_dialog.py" line="35"/>
        <source>&amp;Recall</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/register/parked_dialog.py" line="42"/>
        <source>Choose a parked sale.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PaymentList</name>
    <message>
        <location filename="../../ui/checkout/payment_list.py" line="25"/>
        <source>Payments taken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/checkout/payment_list.py" line="30"/>
        <source>Payments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/checkout/payment_list.py" line="34"/>
        <source>None yet. To split, take part by card (F3) or cash (F4), then the rest.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/checkout/payment_list.py" line="56"/>
        <source>Cash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/checkout/payment_list.py" line="57"/>
        <source>Card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/checkout/payment_list.py" line="74"/>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/checkout/payment_list.py" line="77"/>
        <source>Remove the payment {what}, {amount}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProductSearch</name>
    <message>
        <location filename="../../ui/register/product_search.py" line="65"/>
        <source>{price}/kg</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProductTableModel</name>
    <message>
        <location filename="../../ui/products/product_table_model.py" line="81"/>
        <source>SKU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/products/product_table_model.py" line="81"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/products/product_table_model.py" line="81"/>
        <source>Price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/products/product_table_model.py" line="82"/>
        <source>Tax class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/products/product_table_model.py" line="82"/>
        <source>Category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/products/product_table_model.py" line="82"/>
        <source>Stock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/products/product_table_model.py" line="213"/>
        <source>{name} (inactive: not sold)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/products/product_table_model.py" line="221"/>
        <source>Inactive: not sold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/products/product_table_model.py" line="261"/>
        <source>{price}/kg</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/products/product_table_model.py" line="262"/>
        <source>{quantity} kg</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProductsView</name>
    <message>
        <location filename="../../ui/products/products_view.py" line="54"/>
        <location filename="../../ui/products/products_view.py" line="116"/>
        <source>Products</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/products/products_view.py" line="69"/>
        <source>Show &amp;inactive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/products/products_view.py" line="71"/>
        <source>Show inactive products</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/products/products_view.py" line="106"/>
        <source>Search products by name or SKU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/products/products_view.py" line="107"/>
        <source>Search products</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/products/products_view.py" line="108"/>
        <source>Type part of a product name or the start of its SKU; the list below shows the matches.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/products/products_view.py" line="141"/>
        <source>&amp;New product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/products/products_view.py" line="142"/>
        <source>Create a product (Ctrl+N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/products/products_view.py" line="144"/>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/products/products_view.py" line="145"/>
        <source>Edit product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/products/products_view.py" line="146"/>
        <source>Change the selected product (Enter or double-click)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/products/products_view.py" line="149"/>
        <source>&amp;Tax classes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/products/products_view.py" line="152"/>
        <source>Im&amp;port CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/products/products_view.py" line="154"/>
        <source>Import products from a CSV file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/products/products_view.py" line="156"/>
        <source>E&amp;xport CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/products/products_view.py" line="158"/>
        <source>Export products to a CSV file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/products/products_view.py" line="162"/>
        <source>&amp;Search:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/products/products_view.py" line="237"/>
        <source>Saved {name}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/products/products_view.py" line="264"/>
        <source>Imported {name} ({encoding}): {new} new, {updated} updated.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/products/products_view.py" line="268"/>
        <source>{count} bad rows were skipped and written to {file}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/products/products_view.py" line="284"/>
        <source>The export was cancelled; no file was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/products/products_view.py" line="289"/>
        <source>Exported {count} products to {path}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/products/products_view.py" line="306"/>
        <source>1 product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/products/products_view.py" line="307"/>
        <source>{count} products</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/products/products_view.py" line="311"/>
        <source>First {shown} matches of {total} products</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/products/products_view.py" line="313"/>
        <source>{shown} matches of {total} products</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QuickCashBar</name>
    <message>
        <location filename="../../ui/checkout/quick_cash.py" line="48"/>
        <source>Exact {amount}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/checkout/quick_cash.py" line="49"/>
        <source>Exact amount, {amount}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/checkout/quick_cash.py" line="52"/>
        <source>Cash {amount}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QuickKeysPanel</name>
    <message>
        <location filename="../../ui/register/quick_keys_panel.py" line="61"/>
        <source>Quick keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/register/quick_keys_panel.py" line="80"/>
        <source>Choose your quick keys in Settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/register/quick_keys_panel.py" line="81"/>
        <source>No quick keys yet: choose them in Settings, or scan and search.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/register/quick_keys_panel.py" line="91"/>
        <source>{price}/kg</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RefundDialog</name>
    <message>
        <location filename="../../ui/history/refund_dialog.py" line="55"/>
        <source>Refund receipt {receipt}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/refund_dialog.py" line="60"/>
        <source>&amp;Whole order (everything not yet refunded)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/refund_dialog.py" line="63"/>
        <source>Refund the whole order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/refund_dialog.py" line="64"/>
        <source>&amp;Chosen lines and quantities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/refund_dialog.py" line="66"/>
        <source>Refund chosen lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/refund_dialog.py" line="73"/>
        <source>Put the items back in &amp;stock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/refund_dialog.py" line="75"/>
        <source>Put the items back in stock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/refund_dialog.py" line="79"/>
        <source>Reason for the refund</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/refund_dialog.py" line="80"/>
        <source>For example: damaged, wrong size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/refund_dialog.py" line="84"/>
        <source>Amount to refund</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/refund_dialog.py" line="87"/>
        <source>Refund problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/refund_dialog.py" line="92"/>
        <source>&amp;Refund</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/refund_dialog.py" line="94"/>
        <source>Confirm the refund</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/refund_dialog.py" line="96"/>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/refund_dialog.py" line="98"/>
        <source>Close without refunding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/refund_dialog.py" line="117"/>
        <source>Lines to refund</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/refund_dialog.py" line="118"/>
        <source>Item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/refund_dialog.py" line="118"/>
        <source>Sold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/refund_dialog.py" line="119"/>
        <source>Refunded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/refund_dialog.py" line="119"/>
        <source>Refund now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/refund_dialog.py" line="141"/>
        <source>Quantity of {name} to refund</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/refund_dialog.py" line="145"/>
        <source> g</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/refund_dialog.py" line="153"/>
        <source>{grams} g</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/refund_dialog.py" line="158"/>
        <source>The money goes back to the original tender: {tender}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/refund_dialog.py" line="167"/>
        <source>Reaso&amp;n:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/refund_dialog.py" line="205"/>
        <source>Choose the quantities to refund.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/history/refund_dialog.py" line="207"/>
        <source>Refund {amount} to {tender}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RegisterView</name>
    <message>
        <location filename="../../ui/register/register_view.py" line="78"/>
        <source>Register</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/register/register_view.py" line="90"/>
        <source>Search products (F7)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/register/register_view.py" line="91"/>
        <source>Search products</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/register/register_view.py" line="134"/>
        <source>Scan or type a code, then Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/register/register_view.py" line="135"/>
        <source>Scan or type a code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/register/register_view.py" line="136"/>
        <source>Enter adds the item; 3*code adds three. Up and Down choose a cart line; Delete voids it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/register/register_view.py" line="211"/>
        <source>Quick keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/register/register_view.py" line="287"/>
        <source>That product is no longer in the catalogue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/register/register_view.py" line="298"/>
        <source>{name} was not added: no weight given.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/register/register_view.py" line="304"/>
        <source>Added {name}  ·  {quantity}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/register/register_view.py" line="309"/>
        <source>{count} scan(s) waiting: they go into the cart when the dialog closes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/register/register_view.py" line="317"/>
        <source>Choose a line first: use Up and Down in the scan field, or tap the line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/register/register_view.py" line="347"/>
        <source>Voided {name}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/register/register_view.py" line="354"/>
        <source>Line discount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/register/register_view.py" line="355"/>
        <source>Discount on {name}:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/register/register_view.py" line="362"/>
        <location filename="../../ui/register/register_view.py" line="437"/>
        <source>The sale is empty: scan an item first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/register/register_view.py" line="363"/>
        <source>Sale discount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/register/register_view.py" line="364"/>
        <source>Discount on the whole sale:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/register/register_view.py" line="395"/>
        <source>Sale parked: {label}. F6 recalls it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/register/register_view.py" line="400"/>
        <source>No sale is parked on this terminal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/register/register_view.py" line="410"/>
        <source>Parked sale recalled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/register/register_view.py" line="415"/>
        <source>{count} line(s), {total}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/register/register_view.py" line="425"/>
        <source>New sale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/register/register_view.py" line="426"/>
        <source>Discard this sale of {count} line(s)? Park it (F6) to keep it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/register/register_view.py" line="430"/>
        <source>New sale: ready to scan.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/register/register_view.py" line="450"/>
        <source>Receipt {receipt} saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/register/register_view.py" line="471"/>
        <source>No customer  ·  F8 to attach one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/register/register_view.py" line="473"/>
        <source>Customer: {name}  ·  ships later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/register/register_view.py" line="476"/>
        <source>Customer: {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/register/register_view.py" line="482"/>
        <source>Recall ({count})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/register/register_view.py" line="483"/>
        <source>Recall</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/register/register_view.py" line="485"/>
        <source>Park sale</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReportsView</name>
    <message>
        <location filename="../../ui/placeholder_view.py" line="17"/>
        <source>Sales reports are not available yet.
Use Orders to look up sales, or &apos;pos orders list&apos; to export them.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <location filename="../../ui/session.py" line="29"/>
        <source>Cashier</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SummaryPanel</name>
    <message>
        <location filename="../../ui/checkout/summary_panel.py" line="36"/>
        <location filename="../../ui/checkout/summary_panel.py" line="37"/>
        <source>Amount due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/checkout/summary_panel.py" line="42"/>
        <source>1 item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/checkout/summary_panel.py" line="43"/>
        <source>{count} items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/checkout/summary_panel.py" line="44"/>
        <source>{items} · tax {tax}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/checkout/summary_panel.py" line="49"/>
        <location filename="../../ui/checkout/summary_panel.py" line="50"/>
        <source>Cash rounding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/checkout/summary_panel.py" line="51"/>
        <source>Paid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/checkout/summary_panel.py" line="52"/>
        <source>Paid so far</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/checkout/summary_panel.py" line="53"/>
        <location filename="../../ui/checkout/summary_panel.py" line="54"/>
        <source>Still due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/checkout/summary_panel.py" line="77"/>
        <location filename="../../ui/checkout/summary_panel.py" line="78"/>
        <source>Change due</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TotalsPanel</name>
    <message>
        <location filename="../../ui/register/totals_panel.py" line="25"/>
        <source>Totals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/register/totals_panel.py" line="31"/>
        <location filename="../../ui/register/totals_panel.py" line="37"/>
        <source>Subtotal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/register/totals_panel.py" line="32"/>
        <location filename="../../ui/register/totals_panel.py" line="38"/>
        <source>Discounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/register/totals_panel.py" line="33"/>
        <location filename="../../ui/register/totals_panel.py" line="40"/>
        <source>Total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/register/totals_panel.py" line="34"/>
        <location filename="../../ui/register/totals_panel.py" line="42"/>
        <source>Cash, rounded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/register/totals_panel.py" line="90"/>
        <source>incl. tax {percent} %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/register/totals_panel.py" line="91"/>
        <source>Tax {percent} %</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WeightDialog</name>
    <message>
        <location filename="../../ui/register/weight_dialog.py" line="14"/>
        <source>Weight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/register/weight_dialog.py" line="16"/>
        <source>{name} ({price}/kg): type the weight in kilograms.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/register/weight_dialog.py" line="21"/>
        <source>Weight in kilograms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/register/weight_dialog.py" line="22"/>
        <source>e.g. 0.25</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>box</name>
    <message>
        <location filename="../../ui/checkout/card_terminal.py" line="95"/>
        <source>Void card payment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/checkout/card_terminal.py" line="96"/>
        <source>Void {amount} on the card terminal, then confirm here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/checkout/card_terminal.py" line="98"/>
        <source>Voided on the terminal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/checkout/card_terminal.py" line="99"/>
        <source>Keep the payment</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
