<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ApprovalDialog</name>
    <message>
        <location filename="../../ui/staff/approval.py" line="54"/>
        <source>Approval needed</source>
        <translation>需要批准</translation>
    </message>
    <message>
        <location filename="../../ui/staff/approval.py" line="55"/>
        <source>Approve</source>
        <translation>批准</translation>
    </message>
    <message>
        <location filename="../../ui/staff/approval.py" line="56"/>
        <source>Who approves</source>
        <translation>批准人</translation>
    </message>
    <message>
        <location filename="../../ui/staff/approval.py" line="58"/>
        <source>{name} may not do this alone. The approver chooses their name and enters their own PIN or password.</source>
        <translation>{name} 不能独自执行此操作。请批准人选择自己的姓名，并输入自己的 PIN 码或密码。</translation>
    </message>
    <message>
        <location filename="../../ui/staff/approval.py" line="65"/>
        <source>No one who may approve this can sign in on this till; ask a manager.</source>
        <translation>本收银机上没有可以批准此操作的人员可以登录；请联系经理。</translation>
    </message>
    <message>
        <location filename="../../ui/staff/approval.py" line="72"/>
        <source>A void needs the approval of a supervisor or a manager.</source>
        <translation>作废需要主管或经理批准。</translation>
    </message>
    <message>
        <location filename="../../ui/staff/approval.py" line="73"/>
        <source>A refund needs the approval of a supervisor or a manager.</source>
        <translation>退款需要主管或经理批准。</translation>
    </message>
    <message>
        <location filename="../../ui/staff/approval.py" line="74"/>
        <source>A price override needs the approval of a supervisor or a manager.</source>
        <translation>改价需要主管或经理批准。</translation>
    </message>
    <message>
        <location filename="../../ui/staff/approval.py" line="76"/>
        <source>A discount above the store&apos;s limit needs the approval of a supervisor or a manager.</source>
        <translation>超过门店限额的折扣需要主管或经理批准。</translation>
    </message>
    <message>
        <location filename="../../ui/staff/approval.py" line="78"/>
        <source>Putting cash into the drawer or taking it out needs the approval of a supervisor or a manager.</source>
        <translation>向钱箱存入或取出现金需要主管或经理批准。</translation>
    </message>
    <message>
        <location filename="../../ui/staff/approval.py" line="80"/>
        <source>Opening the drawer without a sale needs the approval of a supervisor or a manager.</source>
        <translation>无销售打开钱箱需要主管或经理批准。</translation>
    </message>
    <message>
        <location filename="../../ui/staff/approval.py" line="82"/>
        <source>Closing the shift needs the approval of a supervisor or a manager.</source>
        <translation>结束班次需要主管或经理批准。</translation>
    </message>
    <message>
        <location filename="../../ui/staff/approval.py" line="84"/>
        <source>Changing the settings needs the approval of a manager.</source>
        <translation>更改设置需要经理批准。</translation>
    </message>
    <message>
        <location filename="../../ui/staff/approval.py" line="86"/>
        <source>Managing staff needs the approval of a manager.</source>
        <translation>管理员工需要经理批准。</translation>
    </message>
    <message>
        <location filename="../../ui/staff/approval.py" line="87"/>
        <source>Quitting the till needs the approval of a manager.</source>
        <translation>退出收银机需要经理批准。</translation>
    </message>
    <message>
        <location filename="../../ui/staff/approval.py" line="88"/>
        <source>The Products page is for the roles the store chose: a supervisor or a manager unless its settings say otherwise.</source>
        <translation>“商品”页面只对店铺选定的角色开放：除非设置另有规定，即主管或经理。</translation>
    </message>
    <message>
        <location filename="../../ui/staff/approval.py" line="91"/>
        <source>The Reports page is for the roles the store chose: a supervisor or a manager unless its settings say otherwise.</source>
        <translation>“报表”页面只对店铺选定的角色开放：除非设置另有规定，即主管或经理。</translation>
    </message>
    <message>
        <location filename="../../ui/staff/approval.py" line="94"/>
        <source>The Settings page is for the roles the store chose: a supervisor or a manager unless its settings say otherwise.</source>
        <translation>“设置”页面只对店铺选定的角色开放：除非设置另有规定，即主管或经理。</translation>
    </message>
    <message>
        <location filename="../../ui/staff/approval.py" line="98"/>
        <source>This needs an approval: {what}.</source>
        <translation>此操作需要批准：{what}。</translation>
    </message>
</context>
<context>
    <name>BackupSection</name>
    <message>
        <location filename="../../ui/settings/backup_section.py" line="27"/>
        <source>Backups</source>
        <translation>备份</translation>
    </message>
    <message>
        <location filename="../../ui/settings/backup_section.py" line="31"/>
        <location filename="../../ui/settings/backup_section.py" line="64"/>
        <source>Backup folder</source>
        <translation>备份文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/settings/backup_section.py" line="35"/>
        <source>Empty: “backups” in the data folder</source>
        <translation>留空：数据文件夹中的“backups”</translation>
    </message>
    <message>
        <location filename="../../ui/settings/backup_section.py" line="36"/>
        <source>Empty: {folder}</source>
        <translation>留空：{folder}</translation>
    </message>
    <message>
        <location filename="../../ui/settings/backup_section.py" line="37"/>
        <source>&amp;Browse…</source>
        <translation>浏览…(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/backup_section.py" line="39"/>
        <source>Choose the backup folder</source>
        <translation>选择备份文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/settings/backup_section.py" line="43"/>
        <source>Backups to keep</source>
        <translation>保留的备份份数</translation>
    </message>
    <message>
        <location filename="../../ui/settings/backup_section.py" line="51"/>
        <source>Backup &amp;folder</source>
        <translation>备份文件夹(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/backup_section.py" line="52"/>
        <source>Backups to &amp;keep</source>
        <translation>保留份数(&amp;K)</translation>
    </message>
</context>
<context>
    <name>BackupService</name>
    <message>
        <location filename="../../ui/backups.py" line="90"/>
        <source>Backup saved: {file}</source>
        <translation>备份已保存：{file}</translation>
    </message>
    <message>
        <location filename="../../ui/backups.py" line="97"/>
        <source>Backup failed: {reason} Selling goes on; a manager should check the backup folder in Settings.</source>
        <translation>备份失败：{reason} 可以继续销售；请经理在“设置”中检查备份文件夹。</translation>
    </message>
    <message>
        <location filename="../../ui/backups.py" line="101"/>
        <source>The backup stopped on an unexpected error; it is in the log. Selling goes on.</source>
        <translation>备份因意外错误而中止，详情已记入日志。可以继续销售。</translation>
    </message>
</context>
<context>
    <name>CardService</name>
    <message>
        <location filename="../../ui/payments/card_service.py" line="161"/>
        <source>The gateway could not be asked to stop the payment.</source>
        <translation>无法通知支付网关停止这笔付款。</translation>
    </message>
    <message>
        <location filename="../../ui/payments/card_service.py" line="209"/>
        <source>Something went wrong while recording the card gateway&apos;s answer. It is checked again automatically.</source>
        <translation>记录刷卡网关的应答时出错。系统会自动再次核对。</translation>
    </message>
    <message>
        <location filename="../../ui/payments/card_service.py" line="278"/>
        <source>The offline card payment of {amount} on receipt {receipt} was declined by the gateway: {reason}</source>
        <translation>小票 {receipt} 的离线银行卡付款 {amount} 被支付网关拒绝：{reason}</translation>
    </message>
    <message>
        <location filename="../../ui/payments/refunds.py" line="49"/>
        <source>The card refund could not be sent yet: {reason} It is sent again automatically; do not give the money back another way.</source>
        <translation>银行卡退款暂时无法发送：{reason} 系统会自动重新发送；请不要用其他方式退钱。</translation>
    </message>
    <message>
        <location filename="../../ui/payments/refunds.py" line="58"/>
        <source>The card refund of {amount} on receipt {receipt} was refused by the gateway: {reason} Give the money back another way.</source>
        <translation>小票 {receipt} 的银行卡退款 {amount} 被支付网关拒绝：{reason} 请用其他方式退还款项。</translation>
    </message>
</context>
<context>
    <name>CardTerminalDialog</name>
    <message>
        <location filename="../../ui/checkout/card_terminal.py" line="170"/>
        <source>Card payment</source>
        <translation>银行卡支付</translation>
    </message>
    <message>
        <location filename="../../ui/checkout/card_terminal.py" line="174"/>
        <source>Charge on the card terminal</source>
        <translation>在刷卡机上收款</translation>
    </message>
    <message>
        <location filename="../../ui/checkout/card_terminal.py" line="178"/>
        <source>Amount to charge</source>
        <translation>收款金额</translation>
    </message>
    <message>
        <location filename="../../ui/checkout/card_terminal.py" line="179"/>
        <source>Type this amount on the card terminal. When it shows “Approved”, confirm here. Never type the card number.</source>
        <translation>请在刷卡机上输入此金额。刷卡机显示“交易成功”后，在此确认。切勿输入卡号。</translation>
    </message>
    <message>
        <location filename="../../ui/checkout/card_terminal.py" line="185"/>
        <source>Last 4 digits of the card (optional)</source>
        <translation>卡号后 4 位（可选）</translation>
    </message>
    <message>
        <location filename="../../ui/checkout/card_terminal.py" line="186"/>
        <source>optional</source>
        <translation>可选</translation>
    </message>
    <message>
        <location filename="../../ui/checkout/card_terminal.py" line="192"/>
        <source>Card brand (optional)</source>
        <translation>卡组织（可选）</translation>
    </message>
    <message>
        <location filename="../../ui/checkout/card_terminal.py" line="193"/>
        <source>Not noted</source>
        <translation>未记录</translation>
    </message>
    <message>
        <location filename="../../ui/checkout/card_terminal.py" line="202"/>
        <source>Last 4 digits</source>
        <translation>卡号后 4 位</translation>
    </message>
    <message>
        <location filename="../../ui/checkout/card_terminal.py" line="203"/>
        <source>Brand</source>
        <translation>卡组织</translation>
    </message>
    <message>
        <location filename="../../ui/checkout/card_terminal.py" line="205"/>
        <source>Approved  (Enter)</source>
        <translation>已成功  (Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/checkout/card_terminal.py" line="207"/>
        <source>The terminal approved the payment</source>
        <translation>刷卡机已批准该笔付款</translation>
    </message>
    <message>
        <location filename="../../ui/checkout/card_terminal.py" line="210"/>
        <source>Not approved  (Esc)</source>
        <translation>未成功  (Esc)</translation>
    </message>
    <message>
        <location filename="../../ui/checkout/card_terminal.py" line="212"/>
        <source>The payment was not approved</source>
        <translation>付款未获批准</translation>
    </message>
    <message>
        <location filename="../../ui/checkout/card_terminal.py" line="239"/>
        <source>Type exactly the last 4 digits of the card, or leave the field empty.</source>
        <translation>请准确输入卡号后 4 位，或留空。</translation>
    </message>
</context>
<context>
    <name>CartTable</name>
    <message>
        <location filename="../../ui/register/cart_table.py" line="35"/>
        <source>Cart</source>
        <translation>购物车</translation>
    </message>
</context>
<context>
    <name>CartTableModel</name>
    <message>
        <location filename="../../ui/register/cart_model.py" line="50"/>
        <source>Item</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../../ui/register/cart_model.py" line="50"/>
        <source>Qty</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../ui/register/cart_model.py" line="50"/>
        <source>Price</source>
        <translation>单价</translation>
    </message>
    <message>
        <location filename="../../ui/register/cart_model.py" line="51"/>
        <source>Discount</source>
        <translation>折扣</translation>
    </message>
    <message>
        <location filename="../../ui/register/cart_model.py" line="51"/>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <location filename="../../ui/register/cart_model.py" line="138"/>
        <source>price: {reason}</source>
        <translation>价格：{reason}</translation>
    </message>
    <message>
        <location filename="../../ui/register/cart_model.py" line="165"/>
        <source>{weight} kg</source>
        <translation>{weight} kg</translation>
    </message>
    <message>
        <location filename="../../ui/register/cart_model.py" line="170"/>
        <source>{price}/kg</source>
        <translation>{price}/kg</translation>
    </message>
</context>
<context>
    <name>ChargeDialog</name>
    <message>
        <location filename="../../ui/payments/charge_dialog.py" line="72"/>
        <source>Card payment</source>
        <translation>银行卡付款</translation>
    </message>
    <message>
        <location filename="../../ui/payments/charge_dialog.py" line="77"/>
        <source>Amount to charge</source>
        <translation>扣款金额</translation>
    </message>
    <message>
        <location filename="../../ui/payments/charge_dialog.py" line="80"/>
        <source>Card</source>
        <translation>银行卡</translation>
    </message>
    <message>
        <location filename="../../ui/payments/charge_dialog.py" line="86"/>
        <source>QR code for the customer to scan</source>
        <translation>供顾客扫描的二维码</translation>
    </message>
    <message>
        <location filename="../../ui/payments/charge_dialog.py" line="88"/>
        <source>Ready to charge the card.</source>
        <translation>可以刷卡扣款。</translation>
    </message>
    <message>
        <location filename="../../ui/payments/charge_dialog.py" line="95"/>
        <source>Charge  (Enter)</source>
        <translation>扣款  (Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/payments/charge_dialog.py" line="99"/>
        <source>Check again</source>
        <translation>再次查询</translation>
    </message>
    <message>
        <location filename="../../ui/payments/charge_dialog.py" line="102"/>
        <source>Cancel  (Esc)</source>
        <translation>取消  (Esc)</translation>
    </message>
    <message>
        <location filename="../../ui/payments/charge_dialog.py" line="150"/>
        <source>Sending the amount to the card reader…</source>
        <translation>正在把金额发送到读卡器……</translation>
    </message>
    <message>
        <location filename="../../ui/payments/charge_dialog.py" line="151"/>
        <source>Charging the customer&apos;s payment code…</source>
        <translation>正在扣顾客的付款码……</translation>
    </message>
    <message>
        <location filename="../../ui/payments/charge_dialog.py" line="152"/>
        <source>Asking the gateway for the store&apos;s QR code…</source>
        <translation>正在向支付网关获取本店的二维码……</translation>
    </message>
    <message>
        <location filename="../../ui/payments/charge_dialog.py" line="153"/>
        <source>Charging the card… Ask the customer to follow the reader.</source>
        <translation>正在扣款… 请顾客按读卡器提示操作。</translation>
    </message>
    <message>
        <location filename="../../ui/payments/charge_dialog.py" line="167"/>
        <source>Tap, insert or swipe the card on the reader.</source>
        <translation>请在读卡器上挥卡、插卡或刷卡。</translation>
    </message>
    <message>
        <location filename="../../ui/payments/charge_dialog.py" line="168"/>
        <source>Waiting for the customer to confirm on their phone.</source>
        <translation>正在等待顾客在手机上确认付款。</translation>
    </message>
    <message>
        <location filename="../../ui/payments/charge_dialog.py" line="170"/>
        <source>Waiting for the customer to pay: they scan this code with their phone.</source>
        <translation>正在等待顾客付款：请顾客用手机扫描这个二维码。</translation>
    </message>
    <message>
        <location filename="../../ui/payments/charge_dialog.py" line="182"/>
        <source>Asking the gateway what happened to this payment…</source>
        <translation>正在向支付网关查询这笔付款…</translation>
    </message>
    <message>
        <location filename="../../ui/payments/charge_dialog.py" line="191"/>
        <source>No clear answer from the card gateway: the payment is checked automatically. Do not charge the card again; take another payment or wait.</source>
        <translation>银行卡网关未给出明确答复：系统会自动核对这笔付款。请勿再次刷卡；请改用其他方式收款或稍候。</translation>
    </message>
    <message>
        <location filename="../../ui/payments/charge_dialog.py" line="199"/>
        <source>Do not charge the card again.</source>
        <translation>请不要再次刷卡。</translation>
    </message>
    <message>
        <location filename="../../ui/payments/charge_dialog.py" line="215"/>
        <source>{seconds} s left</source>
        <translation>还剩 {seconds} 秒</translation>
    </message>
    <message>
        <location filename="../../ui/payments/charge_dialog.py" line="217"/>
        <source>{seconds} s</source>
        <translation>{seconds} 秒</translation>
    </message>
    <message>
        <location filename="../../ui/payments/charge_dialog.py" line="228"/>
        <source>Checking whether the card was charged, to void it…</source>
        <translation>正在确认是否已扣款，以便撤销…</translation>
    </message>
    <message>
        <location filename="../../ui/payments/charge_dialog.py" line="232"/>
        <source>The gateway did not answer. If the card was charged, the charge is voided automatically as soon as the gateway answers.</source>
        <translation>支付网关没有应答。如果已经扣款，网关恢复应答后将自动撤销。</translation>
    </message>
    <message>
        <location filename="../../ui/payments/charge_dialog.py" line="250"/>
        <source>The wallet payment was cancelled: the customer paid nothing.</source>
        <translation>钱包付款已取消：顾客没有付款。</translation>
    </message>
    <message>
        <location filename="../../ui/payments/charge_dialog.py" line="252"/>
        <source>The QR payment was cancelled: the customer paid nothing.</source>
        <translation>二维码付款已取消：顾客没有付款。</translation>
    </message>
    <message>
        <location filename="../../ui/payments/charge_dialog.py" line="253"/>
        <location filename="../../ui/payments/charge_dialog.py" line="281"/>
        <source>The card was not charged.</source>
        <translation>未从银行卡扣款。</translation>
    </message>
    <message>
        <location filename="../../ui/payments/charge_dialog.py" line="303"/>
        <source>The payment ends by itself when its time runs out; if it went through, it is reversed.</source>
        <translation>这笔付款在时限到时会自行结束；如果已经付款，会被撤销。</translation>
    </message>
    <message>
        <location filename="../../ui/payments/charge_dialog.py" line="243"/>
        <source>No clear answer from the card gateway. Do not charge the card again: check again, or close and the payment will be checked automatically.</source>
        <translation>支付网关没有明确答复。请勿再次扣款：请再次查询，或关闭窗口，系统会自动核对这笔付款。</translation>
    </message>
    <message>
        <location filename="../../ui/payments/charge_dialog.py" line="70"/>
        <source>Wallet payment</source>
        <translation>钱包付款</translation>
    </message>
    <message>
        <location filename="../../ui/payments/charge_dialog.py" line="71"/>
        <source>Store QR payment</source>
        <translation>店铺二维码付款</translation>
    </message>
    <message>
        <location filename="../../ui/payments/charge_dialog.py" line="202"/>
        <location filename="../../ui/payments/charge_dialog.py" line="247"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../ui/payments/charge_dialog.py" line="258"/>
        <source>The customer confirmed after you cancelled: the payment was reversed, and the money goes back to their wallet.</source>
        <translation>顾客在您取消后确认了付款：这笔付款已撤销，款项退回顾客的钱包。</translation>
    </message>
    <message>
        <location filename="../../ui/payments/charge_dialog.py" line="260"/>
        <source>The card was charged just as you cancelled: the charge was voided, and the customer gets the money back.</source>
        <translation>在您取消的同时银行卡已扣款：这笔扣款已撤销，款项退回顾客。</translation>
    </message>
    <message>
        <location filename="../../ui/payments/charge_dialog.py" line="293"/>
        <source>Cancelling: waiting for the gateway&apos;s answer. If the customer paid meanwhile, the payment is reversed.</source>
        <translation>正在取消：等待支付网关的答复。如果顾客在此期间已付款，这笔付款会被撤销。</translation>
    </message>
    <message>
        <location filename="../../ui/payments/charge_dialog.py" line="295"/>
        <source>Cancelling: waiting for the gateway&apos;s answer. If the card was charged, the charge is voided.</source>
        <translation>正在取消：等待支付网关答复。如果已经扣款，将予以撤销。</translation>
    </message>
</context>
<context>
    <name>CheckoutDialog</name>
    <message>
        <location filename="../../ui/checkout/checkout_dialog.py" line="128"/>
        <source>Checkout</source>
        <translation>结账</translation>
    </message>
    <message>
        <location filename="../../ui/checkout/checkout_dialog.py" line="181"/>
        <source>Cash   F2</source>
        <translation>现金   F2</translation>
    </message>
    <message>
        <location filename="../../ui/checkout/checkout_dialog.py" line="182"/>
        <source>Pay in cash</source>
        <translation>现金支付</translation>
    </message>
    <message>
        <location filename="../../ui/checkout/checkout_dialog.py" line="183"/>
        <source>Card   F3</source>
        <translation>银行卡   F3</translation>
    </message>
    <message>
        <location filename="../../ui/checkout/checkout_dialog.py" line="184"/>
        <source>Pay by card</source>
        <translation>银行卡支付</translation>
    </message>
    <message>
        <location filename="../../ui/checkout/checkout_dialog.py" line="211"/>
        <source>Amount tendered</source>
        <translation>实收金额</translation>
    </message>
    <message>
        <location filename="../../ui/checkout/checkout_dialog.py" line="219"/>
        <source>Message</source>
        <translation>提示信息</translation>
    </message>
    <message>
        <location filename="../../ui/checkout/checkout_dialog.py" line="304"/>
        <source>Press Enter, charge this amount on the card terminal, then confirm it here. A smaller amount is a part payment.</source>
        <translation>按 Enter，在刷卡机上收取此金额，然后在此确认。金额较小时记为部分付款。</translation>
    </message>
    <message>
        <location filename="../../ui/checkout/checkout_dialog.py" line="234"/>
        <source>Cancel   Esc</source>
        <translation>取消   Esc</translation>
    </message>
    <message>
        <location filename="../../ui/checkout/checkout_dialog.py" line="193"/>
        <source>Wallet code   F5</source>
        <translation>付款码   F5</translation>
    </message>
    <message>
        <location filename="../../ui/checkout/checkout_dialog.py" line="194"/>
        <source>Charge the customer&apos;s wallet payment code</source>
        <translation>扣顾客的钱包付款码</translation>
    </message>
    <message>
        <location filename="../../ui/checkout/checkout_dialog.py" line="196"/>
        <source>Customer scans QR   F6</source>
        <translation>顾客扫码   F6</translation>
    </message>
    <message>
        <location filename="../../ui/checkout/checkout_dialog.py" line="197"/>
        <source>Show the store&apos;s QR code for the customer to pay</source>
        <translation>出示本店二维码供顾客付款</translation>
    </message>
    <message>
        <location filename="../../ui/checkout/checkout_dialog.py" line="235"/>
        <source>Cancel the checkout</source>
        <translation>取消结账</translation>
    </message>
    <message>
        <location filename="../../ui/checkout/checkout_dialog.py" line="236"/>
        <source>Part payment   F4</source>
        <translation>部分付款   F4</translation>
    </message>
    <message>
        <location filename="../../ui/checkout/checkout_dialog.py" line="237"/>
        <source>Take this cash as a part payment</source>
        <translation>将此现金记为部分付款</translation>
    </message>
    <message>
        <location filename="../../ui/checkout/checkout_dialog.py" line="240"/>
        <source>Complete the sale</source>
        <translation>完成交易</translation>
    </message>
    <message>
        <location filename="../../ui/checkout/checkout_dialog.py" line="255"/>
        <source>Sale complete</source>
        <translation>交易完成</translation>
    </message>
    <message>
        <location filename="../../ui/checkout/checkout_dialog.py" line="257"/>
        <source>Receipt number</source>
        <translation>小票号</translation>
    </message>
    <message>
        <location filename="../../ui/checkout/checkout_dialog.py" line="260"/>
        <location filename="../../ui/checkout/checkout_dialog.py" line="263"/>
        <source>Change due</source>
        <translation>找零</translation>
    </message>
    <message>
        <location filename="../../ui/checkout/checkout_dialog.py" line="270"/>
        <source>Next sale   Enter</source>
        <translation>下一笔   Enter</translation>
    </message>
    <message>
        <location filename="../../ui/checkout/checkout_dialog.py" line="271"/>
        <source>Close and start the next sale</source>
        <translation>关闭并开始下一笔交易</translation>
    </message>
    <message>
        <location filename="../../ui/checkout/checkout_dialog.py" line="283"/>
        <source>Cash received</source>
        <translation>实收现金</translation>
    </message>
    <message>
        <location filename="../../ui/checkout/checkout_dialog.py" line="284"/>
        <source>Amount to charge on the card</source>
        <translation>银行卡收款金额</translation>
    </message>
    <message>
        <location filename="../../ui/checkout/checkout_dialog.py" line="300"/>
        <source>Press Enter to send this amount to the card reader; the customer taps, inserts or swipes the card there. A smaller amount is a part payment.</source>
        <translation>按 Enter 把此金额发送到读卡器，顾客在读卡器上挥卡、插卡或刷卡。金额较小即为部分付款。</translation>
    </message>
    <message>
        <location filename="../../ui/checkout/checkout_dialog.py" line="307"/>
        <source>Press Enter to charge this amount through the sandbox gateway with a test card: no real money moves. A smaller amount is a part payment.</source>
        <translation>按 Enter，通过沙盒网关用测试卡收取此金额：不会产生真实扣款。金额较小时记为部分付款。</translation>
    </message>
    <message>
        <location filename="../../ui/checkout/checkout_dialog.py" line="310"/>
        <source>Press Enter to charge this amount through the card gateway; the customer follows the card reader and the answer shows here. A smaller amount is a part payment.</source>
        <translation>按 Enter，通过银行卡网关收取此金额；顾客按读卡器提示操作，结果显示在这里。金额较小时记为部分付款。</translation>
    </message>
    <message>
        <location filename="../../ui/checkout/checkout_dialog.py" line="330"/>
        <source>{amount} exact: press Enter alone</source>
        <translation>{amount} 正好：直接按 Enter</translation>
    </message>
    <message>
        <location filename="../../ui/checkout/checkout_dialog.py" line="333"/>
        <source>Complete sale   Enter</source>
        <translation>完成交易   Enter</translation>
    </message>
    <message>
        <location filename="../../ui/checkout/checkout_dialog.py" line="335"/>
        <source>Charge card   Enter</source>
        <translation>刷卡收款   Enter</translation>
    </message>
    <message>
        <location filename="../../ui/checkout/checkout_dialog.py" line="376"/>
        <source>Type the amount received, or choose a quick-cash amount.</source>
        <translation>请输入实收金额，或选择快捷现金金额。</translation>
    </message>
    <message>
        <location filename="../../ui/checkout/checkout_dialog.py" line="378"/>
        <source>Type the amount to charge on the card.</source>
        <translation>请输入银行卡收款金额。</translation>
    </message>
    <message>
        <location filename="../../ui/checkout/checkout_dialog.py" line="450"/>
        <source>This sale needs a supervisor&apos;s approval.</source>
        <translation>这笔销售需要主管批准。</translation>
    </message>
    <message>
        <location filename="../../ui/checkout/checkout_dialog.py" line="473"/>
        <source>{amount} is still due. Type more, or press F4 to take this as a part payment.</source>
        <translation>仍需支付 {amount}。请输入更多金额，或按 F4 记为部分付款。</translation>
    </message>
    <message>
        <location filename="../../ui/checkout/checkout_dialog.py" line="534"/>
        <source>A payment code was scanned, but this sale takes no payment now. Scan it again when the checkout is ready.</source>
        <translation>扫到了付款码，但这笔销售现在不能收款。请在结账就绪后重新扫描。</translation>
    </message>
    <message>
        <location filename="../../ui/checkout/checkout_dialog.py" line="586"/>
        <source>No clear answer from the card gateway: it is checked automatically. Do not charge the card again; take another payment or wait.</source>
        <translation>银行卡网关未给出明确答复：系统会自动核对。请勿再次刷卡；请改用其他方式收款或稍候。</translation>
    </message>
    <message>
        <location filename="../../ui/checkout/checkout_dialog.py" line="590"/>
        <source>The card was not charged.</source>
        <translation>银行卡未扣款。</translation>
    </message>
    <message>
        <location filename="../../ui/checkout/checkout_dialog.py" line="625"/>
        <source>Voiding the card payment of {amount}…</source>
        <translation>正在撤销 {amount} 的银行卡付款…</translation>
    </message>
    <message>
        <location filename="../../ui/checkout/checkout_dialog.py" line="646"/>
        <source>The card payment stays: it was not voided.</source>
        <translation>银行卡付款保留：未撤销。</translation>
    </message>
    <message>
        <location filename="../../ui/checkout/checkout_dialog.py" line="681"/>
        <source>Receipt {number}</source>
        <translation>小票 {number}</translation>
    </message>
    <message>
        <location filename="../../ui/checkout/checkout_dialog.py" line="711"/>
        <source>Cancel the sale?</source>
        <translation>取消这笔销售？</translation>
    </message>
    <message>
        <location filename="../../ui/checkout/checkout_dialog.py" line="714"/>
        <source>Cancel the sale</source>
        <translation>取消销售</translation>
    </message>
    <message>
        <location filename="../../ui/checkout/checkout_dialog.py" line="716"/>
        <source>Keep paying</source>
        <translation>继续收款</translation>
    </message>
    <message>
        <location filename="../../ui/checkout/checkout_dialog.py" line="735"/>
        <source>Cancel the checkout?</source>
        <translation>取消结账？</translation>
    </message>
    <message>
        <location filename="../../ui/checkout/checkout_dialog.py" line="739"/>
        <source>Give the cash part of {amount} back to the customer.</source>
        <translation>把已收的现金 {amount} 退还给顾客。</translation>
    </message>
    <message>
        <location filename="../../ui/checkout/checkout_dialog.py" line="742"/>
        <source>The card payment of {amount} will be voided.</source>
        <translation>银行卡付款 {amount} 将被撤销。</translation>
    </message>
    <message>
        <location filename="../../ui/checkout/checkout_dialog.py" line="744"/>
        <source>The items stay in the cart.</source>
        <translation>商品仍留在购物车中。</translation>
    </message>
    <message>
        <location filename="../../ui/checkout/checkout_dialog.py" line="645"/>
        <source>Void the card payment before cancelling, or complete the sale.</source>
        <translation>请先撤销银行卡付款再取消，或完成交易。</translation>
    </message>
</context>
<context>
    <name>CsvExport</name>
    <message>
        <location filename="../../ui/products/csv_export.py" line="31"/>
        <source>Import products from CSV</source>
        <translation>从 CSV 导入商品</translation>
    </message>
    <message>
        <location filename="../../ui/products/csv_export.py" line="32"/>
        <source>CSV files (*.csv *.txt);;All files (*)</source>
        <translation>CSV 文件 (*.csv *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../ui/products/csv_export.py" line="39"/>
        <source>Export products to CSV</source>
        <translation>导出商品到 CSV</translation>
    </message>
    <message>
        <location filename="../../ui/products/csv_export.py" line="40"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
</context>
<context>
    <name>CustomerDialog</name>
    <message>
        <location filename="../../ui/register/customer_dialog.py" line="47"/>
        <source>Customer</source>
        <translation>会员</translation>
    </message>
    <message>
        <location filename="../../ui/register/customer_dialog.py" line="54"/>
        <source>Find a customer</source>
        <translation>查找会员</translation>
    </message>
    <message>
        <location filename="../../ui/register/customer_dialog.py" line="55"/>
        <source>Phone number or name</source>
        <translation>手机号或姓名</translation>
    </message>
    <message>
        <location filename="../../ui/register/customer_dialog.py" line="58"/>
        <source>Customers found</source>
        <translation>找到的会员</translation>
    </message>
    <message>
        <location filename="../../ui/register/customer_dialog.py" line="63"/>
        <source>&amp;Find:</source>
        <translation>查找(&amp;F)：</translation>
    </message>
    <message>
        <location filename="../../ui/register/customer_dialog.py" line="70"/>
        <source>&amp;Ship later to this address:</source>
        <translation>稍后配送到此地址(&amp;S)：</translation>
    </message>
    <message>
        <location filename="../../ui/register/customer_dialog.py" line="75"/>
        <source>Delivery address</source>
        <translation>配送地址</translation>
    </message>
    <message>
        <location filename="../../ui/register/customer_dialog.py" line="85"/>
        <source>&amp;Remove customer</source>
        <translation>移除会员(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/register/customer_dialog.py" line="90"/>
        <source>&amp;Attach</source>
        <translation>关联(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/register/customer_dialog.py" line="106"/>
        <source>New customer</source>
        <translation>新会员</translation>
    </message>
    <message>
        <location filename="../../ui/register/customer_dialog.py" line="112"/>
        <source>&amp;Name:</source>
        <translation>姓名(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../../ui/register/customer_dialog.py" line="113"/>
        <source>P&amp;hone:</source>
        <translation>电话(&amp;H)：</translation>
    </message>
    <message>
        <location filename="../../ui/register/customer_dialog.py" line="114"/>
        <source>E&amp;mail:</source>
        <translation>邮箱(&amp;M)：</translation>
    </message>
    <message>
        <location filename="../../ui/register/customer_dialog.py" line="115"/>
        <source>A&amp;ddress:</source>
        <translation>地址(&amp;D)：</translation>
    </message>
    <message>
        <location filename="../../ui/register/customer_dialog.py" line="119"/>
        <source>Sa&amp;ve new customer</source>
        <translation>保存新会员(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../ui/register/customer_dialog.py" line="175"/>
        <source>Customer: {customer}</source>
        <translation>会员：{customer}</translation>
    </message>
    <message>
        <location filename="../../ui/register/customer_dialog.py" line="176"/>
        <source>No customer chosen yet.</source>
        <translation>尚未选择会员。</translation>
    </message>
    <message>
        <location filename="../../ui/register/customer_dialog.py" line="181"/>
        <source>Find or create a customer first.</source>
        <translation>请先查找或新建会员。</translation>
    </message>
</context>
<context>
    <name>CustomerDisplay</name>
    <message>
        <location filename="../../ui/customer_display/window.py" line="150"/>
        <source>Customer display</source>
        <translation>顾客显示屏</translation>
    </message>
    <message>
        <location filename="../../ui/customer_display/window.py" line="198"/>
        <source>Welcome</source>
        <translation>欢迎光临</translation>
    </message>
    <message>
        <location filename="../../ui/customer_display/window.py" line="212"/>
        <source>Discounts</source>
        <translation>折扣</translation>
    </message>
    <message>
        <location filename="../../ui/customer_display/window.py" line="213"/>
        <source>Tax</source>
        <translation>税额</translation>
    </message>
    <message>
        <location filename="../../ui/customer_display/window.py" line="215"/>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <location filename="../../ui/customer_display/window.py" line="216"/>
        <source>Paid</source>
        <translation>已付款</translation>
    </message>
    <message>
        <location filename="../../ui/customer_display/window.py" line="218"/>
        <source>Still to pay</source>
        <translation>还需支付</translation>
    </message>
    <message>
        <location filename="../../ui/customer_display/window.py" line="251"/>
        <source>To pay</source>
        <translation>应付金额</translation>
    </message>
    <message>
        <location filename="../../ui/customer_display/window.py" line="254"/>
        <source>QR code to pay with your phone</source>
        <translation>用手机扫码付款的二维码</translation>
    </message>
    <message>
        <location filename="../../ui/customer_display/window.py" line="265"/>
        <source>Thank you!</source>
        <translation>谢谢惠顾！</translation>
    </message>
    <message>
        <location filename="../../ui/customer_display/window.py" line="266"/>
        <location filename="../../ui/customer_display/window.py" line="268"/>
        <source>Your change</source>
        <translation>找零</translation>
    </message>
    <message>
        <location filename="../../ui/customer_display/window.py" line="379"/>
        <source>Tap or insert your card</source>
        <translation>请挥卡或插卡</translation>
    </message>
    <message>
        <location filename="../../ui/customer_display/window.py" line="381"/>
        <source>Confirm the payment on your phone</source>
        <translation>请在手机上确认付款</translation>
    </message>
    <message>
        <location filename="../../ui/customer_display/window.py" line="383"/>
        <source>Scan to pay with your phone</source>
        <translation>请用手机扫码付款</translation>
    </message>
    <message>
        <location filename="../../ui/customer_display/window.py" line="384"/>
        <source>Card payment: follow the card terminal</source>
        <translation>刷卡付款：请按刷卡机提示操作</translation>
    </message>
</context>
<context>
    <name>DiscountDialog</name>
    <message>
        <location filename="../../ui/register/discount_dialog.py" line="35"/>
        <source>&amp;Percent</source>
        <translation>百分比(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/register/discount_dialog.py" line="37"/>
        <source>&amp;Amount ({currency})</source>
        <translation>金额 ({currency})(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/register/discount_dialog.py" line="51"/>
        <source>Discount</source>
        <translation>折扣</translation>
    </message>
    <message>
        <location filename="../../ui/register/discount_dialog.py" line="52"/>
        <source>10 for 10 %, or an amount</source>
        <translation>输入 10 表示 10%，或输入金额</translation>
    </message>
    <message>
        <location filename="../../ui/register/discount_dialog.py" line="58"/>
        <source>&amp;Remove discount</source>
        <translation>取消折扣(&amp;R)</translation>
    </message>
</context>
<context>
    <name>DisplayLines</name>
    <message>
        <location filename="../../ui/customer_display/window.py" line="72"/>
        <source>Your items</source>
        <translation>您的商品</translation>
    </message>
</context>
<context>
    <name>ErrorReporting</name>
    <message>
        <location filename="../../ui/error_reporting.py" line="37"/>
        <source>Point of sale</source>
        <translation>收银系统</translation>
    </message>
    <message>
        <location filename="../../ui/error_reporting.py" line="43"/>
        <source>Something went wrong inside the program. Please restart it; if this happens again, call for support.</source>
        <translation>程序内部出错。请重新启动程序；如果再次发生，请联系技术支持。</translation>
    </message>
    <message>
        <location filename="../../ui/error_reporting.py" line="46"/>
        <source>Something went wrong inside the program. Please restart it; if this happens again, call for support and give them the file {log}.</source>
        <translation>程序内部出错。请重新启动程序；如果再次发生，请联系技术支持，并提供文件 {log}。</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <location filename="../../ui/history/filter_bar.py" line="57"/>
        <source>&amp;Dates</source>
        <translation>日期(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/history/filter_bar.py" line="58"/>
        <source>Filter by dates</source>
        <translation>按日期筛选</translation>
    </message>
    <message>
        <location filename="../../ui/history/filter_bar.py" line="60"/>
        <source>From date</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <location filename="../../ui/history/filter_bar.py" line="62"/>
        <source>To date</source>
        <translation>结束日期</translation>
    </message>
    <message>
        <location filename="../../ui/history/filter_bar.py" line="63"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/history/filter_bar.py" line="64"/>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location filename="../../ui/history/filter_bar.py" line="66"/>
        <source>Paid by</source>
        <translation>支付方式</translation>
    </message>
    <message>
        <location filename="../../ui/history/filter_bar.py" line="67"/>
        <source>Any tender</source>
        <translation>全部支付方式</translation>
    </message>
    <message>
        <location filename="../../ui/history/filter_bar.py" line="69"/>
        <source>Minimum total</source>
        <translation>最低金额</translation>
    </message>
    <message>
        <location filename="../../ui/history/filter_bar.py" line="70"/>
        <source>Min</source>
        <translation>最低</translation>
    </message>
    <message>
        <location filename="../../ui/history/filter_bar.py" line="71"/>
        <source>Maximum total</source>
        <translation>最高金额</translation>
    </message>
    <message>
        <location filename="../../ui/history/filter_bar.py" line="72"/>
        <source>Max</source>
        <translation>最高</translation>
    </message>
    <message>
        <location filename="../../ui/history/filter_bar.py" line="73"/>
        <source>C&amp;lear filters</source>
        <translation>清除筛选(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ui/history/filter_bar.py" line="74"/>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <location filename="../../ui/history/filter_bar.py" line="91"/>
        <source>Receipt number (T1-000042 or 42) or order id, then Enter</source>
        <translation>小票号（T1-000042 或 42）或订单号，按 Enter</translation>
    </message>
    <message>
        <location filename="../../ui/history/filter_bar.py" line="93"/>
        <source>Find an order</source>
        <translation>查找订单</translation>
    </message>
    <message>
        <location filename="../../ui/history/filter_bar.py" line="94"/>
        <source>Type a receipt number or an order id and press Enter; clear it to see all orders.</source>
        <translation>输入小票号或订单号后按 Enter；清空即可查看全部订单。</translation>
    </message>
    <message>
        <location filename="../../ui/history/filter_bar.py" line="131"/>
        <source>&amp;Find:</source>
        <translation>查找(&amp;F)：</translation>
    </message>
    <message>
        <location filename="../../ui/history/filter_bar.py" line="137"/>
        <source>&amp;Status:</source>
        <translation>状态(&amp;S)：</translation>
    </message>
    <message>
        <location filename="../../ui/history/filter_bar.py" line="138"/>
        <source>&amp;Paid by:</source>
        <translation>支付方式(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../../ui/history/filter_bar.py" line="152"/>
        <source>&amp;Total:</source>
        <translation>金额(&amp;T)：</translation>
    </message>
    <message>
        <location filename="../../ui/history/filter_bar.py" line="221"/>
        <source>minimum total</source>
        <translation>最低金额</translation>
    </message>
    <message>
        <location filename="../../ui/history/filter_bar.py" line="222"/>
        <source>maximum total</source>
        <translation>最高金额</translation>
    </message>
</context>
<context>
    <name>FirstManagerDialog</name>
    <message>
        <location filename="../../ui/staff/first_manager.py" line="50"/>
        <source>Create the first manager</source>
        <translation>创建第一位经理</translation>
    </message>
    <message>
        <location filename="../../ui/staff/first_manager.py" line="55"/>
        <source>This store has no staff yet. Create its first manager, who can then add the others.</source>
        <translation>本店还没有员工。请创建第一位经理，之后由其添加其他员工。</translation>
    </message>
    <message>
        <location filename="../../ui/staff/first_manager.py" line="61"/>
        <source>Head office manages this till&apos;s staff: add people there (pos hq users add). A manager made here works on this till only.</source>
        <translation>员工由总部管理：请在总部添加人员（pos hq users add）。在此创建的经理仅在本收银台有效。</translation>
    </message>
    <message>
        <location filename="../../ui/staff/first_manager.py" line="66"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../ui/staff/first_manager.py" line="68"/>
        <source>&amp;Name</source>
        <translation>姓名(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/staff/first_manager.py" line="71"/>
        <location filename="../../ui/staff/first_manager.py" line="140"/>
        <source>PIN</source>
        <translation>PIN 码</translation>
    </message>
    <message>
        <location filename="../../ui/staff/first_manager.py" line="72"/>
        <location filename="../../ui/staff/first_manager.py" line="140"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../ui/staff/first_manager.py" line="76"/>
        <source>Sign in with</source>
        <translation>登录方式</translation>
    </message>
    <message>
        <location filename="../../ui/staff/first_manager.py" line="95"/>
        <source>Create manager</source>
        <translation>创建经理</translation>
    </message>
    <message>
        <location filename="../../ui/staff/first_manager.py" line="99"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/staff/first_manager.py" line="137"/>
        <source>&amp;PIN (4 to 8 digits)</source>
        <translation>PIN 码（4 到 8 位数字）(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/staff/first_manager.py" line="138"/>
        <source>&amp;Password (at least 8 characters)</source>
        <translation>密码（至少 8 个字符）(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/staff/first_manager.py" line="139"/>
        <source>PIN &amp;again</source>
        <translation>再次输入 PIN 码(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/staff/first_manager.py" line="139"/>
        <source>Password &amp;again</source>
        <translation>再次输入密码(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/staff/first_manager.py" line="141"/>
        <source>PIN again</source>
        <translation>再次输入 PIN 码</translation>
    </message>
    <message>
        <location filename="../../ui/staff/first_manager.py" line="141"/>
        <source>Password again</source>
        <translation>再次输入密码</translation>
    </message>
    <message>
        <location filename="../../ui/staff/first_manager.py" line="154"/>
        <source>The two PINs are not the same; type the PIN again.</source>
        <translation>两次输入的 PIN 码不一致；请重新输入。</translation>
    </message>
    <message>
        <location filename="../../ui/staff/first_manager.py" line="156"/>
        <source>The two passwords are not the same; type the password again.</source>
        <translation>两次输入的密码不一致；请重新输入。</translation>
    </message>
</context>
<context>
    <name>GatewayCharger</name>
    <message>
        <location filename="../../ui/payments/gateway_charger.py" line="67"/>
        <source>The card gateway is offline. Take cash, or try the card again when the status bar shows cards online.</source>
        <translation>支付网关离线。请收现金，或等状态栏显示银行卡在线后再刷卡。</translation>
    </message>
</context>
<context>
    <name>GatewaySection</name>
    <message>
        <location filename="../../ui/settings/gateway_section.py" line="36"/>
        <source>No fault</source>
        <translation>无故障</translation>
    </message>
    <message>
        <location filename="../../ui/settings/gateway_section.py" line="37"/>
        <source>Slow answer (3 s)</source>
        <translation>应答缓慢（3 秒）</translation>
    </message>
    <message>
        <location filename="../../ui/settings/gateway_section.py" line="38"/>
        <source>No answer (times out)</source>
        <translation>无应答（超时）</translation>
    </message>
    <message>
        <location filename="../../ui/settings/gateway_section.py" line="39"/>
        <source>Server error (500)</source>
        <translation>服务器错误（500）</translation>
    </message>
    <message>
        <location filename="../../ui/settings/gateway_section.py" line="40"/>
        <source>Answer lost after charging</source>
        <translation>扣款后应答丢失</translation>
    </message>
    <message>
        <location filename="../../ui/settings/gateway_section.py" line="42"/>
        <source>Malformed answer</source>
        <translation>应答格式错误</translation>
    </message>
    <message>
        <location filename="../../ui/settings/gateway_section.py" line="43"/>
        <source>Wrongly signed answer</source>
        <translation>应答签名错误</translation>
    </message>
    <message>
        <location filename="../../ui/settings/gateway_section.py" line="49"/>
        <source>Card payments</source>
        <translation>银行卡付款</translation>
    </message>
    <message>
        <location filename="../../ui/settings/gateway_section.py" line="53"/>
        <source>Card gateway</source>
        <translation>支付网关</translation>
    </message>
    <message>
        <location filename="../../ui/settings/gateway_section.py" line="54"/>
        <source>Standalone card terminal</source>
        <translation>独立刷卡机</translation>
    </message>
    <message>
        <location filename="../../ui/settings/gateway_section.py" line="55"/>
        <source>Sandbox (test gateway inside the program)</source>
        <translation>沙盒（程序内置的测试网关）</translation>
    </message>
    <message>
        <location filename="../../ui/settings/gateway_section.py" line="56"/>
        <source>Gateway over HTTPS (our protocol)</source>
        <translation>HTTPS 网关（本系统协议）</translation>
    </message>
    <message>
        <location filename="../../ui/settings/gateway_section.py" line="57"/>
        <source>Stripe</source>
        <translation>Stripe</translation>
    </message>
    <message>
        <location filename="../../ui/settings/gateway_section.py" line="60"/>
        <source>Gateway address</source>
        <translation>网关地址</translation>
    </message>
    <message>
        <location filename="../../ui/settings/gateway_section.py" line="64"/>
        <source>While the gateway is offline</source>
        <translation>网关离线时</translation>
    </message>
    <message>
        <location filename="../../ui/settings/gateway_section.py" line="65"/>
        <source>Refuse cards (cash only)</source>
        <translation>拒收银行卡（仅收现金）</translation>
    </message>
    <message>
        <location filename="../../ui/settings/gateway_section.py" line="66"/>
        <source>Store card payments, send them later</source>
        <translation>暂存银行卡付款，稍后发送</translation>
    </message>
    <message>
        <location filename="../../ui/settings/gateway_section.py" line="69"/>
        <source>Offline limit per sale</source>
        <translation>每笔离线限额</translation>
    </message>
    <message>
        <location filename="../../ui/settings/gateway_section.py" line="71"/>
        <source>Offline limit for all stored payments</source>
        <translation>全部暂存付款的离线限额</translation>
    </message>
    <message>
        <location filename="../../ui/settings/gateway_section.py" line="73"/>
        <source>Card reader</source>
        <translation>读卡器</translation>
    </message>
    <message>
        <location filename="../../ui/settings/gateway_section.py" line="75"/>
        <source>Take wallet payment codes at checkout</source>
        <translation>结账时接受钱包付款码</translation>
    </message>
    <message>
        <location filename="../../ui/settings/gateway_section.py" line="77"/>
        <source>Store QR code</source>
        <translation>店铺二维码</translation>
    </message>
    <message>
        <location filename="../../ui/settings/gateway_section.py" line="78"/>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../ui/settings/gateway_section.py" line="81"/>
        <source>Sandbox fault</source>
        <translation>沙盒故障</translation>
    </message>
    <message>
        <location filename="../../ui/settings/gateway_section.py" line="86"/>
        <source>For how many charges</source>
        <translation>持续几笔扣款</translation>
    </message>
    <message>
        <location filename="../../ui/settings/gateway_section.py" line="88"/>
        <source>Apply to the next charges</source>
        <translation>应用于接下来的扣款</translation>
    </message>
    <message>
        <location filename="../../ui/settings/gateway_section.py" line="92"/>
        <source>Sandbox readers and wallets</source>
        <translation>沙盒读卡器和钱包</translation>
    </message>
    <message>
        <location filename="../../ui/settings/gateway_section.py" line="95"/>
        <source>Apply to readers and wallets</source>
        <translation>应用到读卡器和钱包</translation>
    </message>
    <message>
        <location filename="../../ui/settings/gateway_section.py" line="100"/>
        <source>Card &amp;gateway</source>
        <translation>支付网关(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/gateway_section.py" line="101"/>
        <source>Add&amp;ress</source>
        <translation>地址(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/gateway_section.py" line="102"/>
        <source>O&amp;ffline</source>
        <translation>离线(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/gateway_section.py" line="103"/>
        <source>Limit per sale</source>
        <translation>每笔限额</translation>
    </message>
    <message>
        <location filename="../../ui/settings/gateway_section.py" line="104"/>
        <source>Limit in all</source>
        <translation>总限额</translation>
    </message>
    <message>
        <location filename="../../ui/settings/gateway_section.py" line="105"/>
        <source>Card &amp;reader</source>
        <translation>读卡器(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/gateway_section.py" line="106"/>
        <source>Store &amp;QR code</source>
        <translation>店铺二维码(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/gateway_section.py" line="108"/>
        <source>Sandbox &amp;fault</source>
        <translation>沙盒故障(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/gateway_section.py" line="110"/>
        <source>Charges</source>
        <translation>扣款笔数</translation>
    </message>
    <message>
        <location filename="../../ui/settings/gateway_section.py" line="112"/>
        <source>Readers, &amp;wallets</source>
        <translation>读卡器和钱包(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/gateway_section.py" line="150"/>
        <source>None (choose the card, or a standalone terminal)</source>
        <translation>无（在收银机上选择卡，或使用独立刷卡机）</translation>
    </message>
    <message>
        <location filename="../../ui/settings/gateway_section.py" line="170"/>
        <source>offline limit per sale</source>
        <translation>每笔离线限额</translation>
    </message>
    <message>
        <location filename="../../ui/settings/gateway_section.py" line="172"/>
        <source>offline limit in all</source>
        <translation>离线总限额</translation>
    </message>
    <message>
        <location filename="../../ui/settings/gateway_section.py" line="189"/>
        <source>The sandbox answers normally again.</source>
        <translation>沙盒已恢复正常应答。</translation>
    </message>
    <message>
        <location filename="../../ui/settings/gateway_section.py" line="193"/>
        <source>The next {count} card charge(s) will meet: {fault}.</source>
        <translation>接下来的 {count} 笔银行卡扣款将遇到：{fault}。</translation>
    </message>
    <message>
        <location filename="../../ui/settings/gateway_section.py" line="202"/>
        <source>The sandbox&apos;s readers and wallets now: {scenario}.</source>
        <translation>沙盒的读卡器和钱包现在：{scenario}。</translation>
    </message>
    <message>
        <location filename="../../ui/settings/sandbox_scenarios.py" line="70"/>
        <source>Normal: the reader approves a Visa after 2 s</source>
        <translation>正常：读卡器 2 秒后批准一张 Visa 卡</translation>
    </message>
    <message>
        <location filename="../../ui/settings/sandbox_scenarios.py" line="72"/>
        <source>The reader declines the card</source>
        <translation>读卡器拒绝银行卡</translation>
    </message>
    <message>
        <location filename="../../ui/settings/sandbox_scenarios.py" line="73"/>
        <source>The reader times out (no card, 20 s)</source>
        <translation>读卡器超时（没有刷卡，20 秒）</translation>
    </message>
    <message>
        <location filename="../../ui/settings/sandbox_scenarios.py" line="75"/>
        <source>The reader never answers</source>
        <translation>读卡器一直没有应答</translation>
    </message>
    <message>
        <location filename="../../ui/settings/sandbox_scenarios.py" line="76"/>
        <source>The customer never confirms (20 s)</source>
        <translation>顾客一直不确认（20 秒）</translation>
    </message>
    <message>
        <location filename="../../ui/settings/sandbox_scenarios.py" line="78"/>
        <source>The customer confirms after you cancel</source>
        <translation>顾客在您取消后确认</translation>
    </message>
    <message>
        <location filename="../../ui/settings/sandbox_scenarios.py" line="80"/>
        <source>The QR code expires (20 s)</source>
        <translation>二维码过期（20 秒）</translation>
    </message>
</context>
<context>
    <name>HistoryView</name>
    <message>
        <location filename="../../ui/history/history_view.py" line="77"/>
        <source>Order history</source>
        <translation>订单记录</translation>
    </message>
    <message>
        <location filename="../../ui/history/history_view.py" line="94"/>
        <source>Message</source>
        <translation>提示信息</translation>
    </message>
    <message>
        <location filename="../../ui/history/history_view.py" line="130"/>
        <source>Orders, newest first</source>
        <translation>订单（最新在前）</translation>
    </message>
    <message>
        <location filename="../../ui/history/history_view.py" line="251"/>
        <source>Showing the order found for “{text}”. Clear the search to see all orders.</source>
        <translation>显示“{text}”对应的订单。清空搜索即可查看全部订单。</translation>
    </message>
    <message>
        <location filename="../../ui/history/history_view.py" line="268"/>
        <source>No orders match these filters.</source>
        <translation>没有符合筛选条件的订单。</translation>
    </message>
    <message>
        <location filename="../../ui/history/history_view.py" line="343"/>
        <source>Refunded {amount}. {split}</source>
        <translation>已退款 {amount}。{split}</translation>
    </message>
    <message>
        <location filename="../../ui/history/history_view.py" line="429"/>
        <source>Cancel order</source>
        <translation>取消订单</translation>
    </message>
    <message>
        <location filename="../../ui/history/history_view.py" line="430"/>
        <source>Cancel this order? Its items go back into stock. This cannot be undone.</source>
        <translation>确定取消此订单？其商品将退回库存。此操作无法撤销。</translation>
    </message>
    <message>
        <location filename="../../ui/history/history_view.py" line="441"/>
        <source>Printing is not set up yet, so the receipt cannot be printed again. Printing arrives with the receipts setup.</source>
        <translation>尚未设置打印，无法重新打印小票。打印功能将随小票设置一同提供。</translation>
    </message>
</context>
<context>
    <name>ImportPreviewDialog</name>
    <message>
        <location filename="../../ui/products/import_preview.py" line="171"/>
        <source>Import products</source>
        <translation>导入商品</translation>
    </message>
    <message>
        <location filename="../../ui/products/import_preview.py" line="178"/>
        <source>File: {path}</source>
        <translation>文件：{path}</translation>
    </message>
    <message>
        <location filename="../../ui/products/import_preview.py" line="180"/>
        <source>Encoding of the file</source>
        <translation>文件编码</translation>
    </message>
    <message>
        <location filename="../../ui/products/import_preview.py" line="190"/>
        <source>Rows with problems</source>
        <translation>有问题的行</translation>
    </message>
    <message>
        <location filename="../../ui/products/import_preview.py" line="191"/>
        <source>Rows of the file</source>
        <translation>文件中的行</translation>
    </message>
    <message>
        <location filename="../../ui/products/import_preview.py" line="194"/>
        <location filename="../../ui/products/import_preview.py" line="280"/>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../ui/products/import_preview.py" line="195"/>
        <location filename="../../ui/products/import_preview.py" line="281"/>
        <source>All rows</source>
        <translation>全部行</translation>
    </message>
    <message>
        <location filename="../../ui/products/import_preview.py" line="197"/>
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../ui/products/import_preview.py" line="199"/>
        <source>Import &amp;good rows only</source>
        <translation>仅导入正确的行(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../ui/products/import_preview.py" line="202"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/products/import_preview.py" line="225"/>
        <source>&amp;Encoding:</source>
        <translation>编码(&amp;E)：</translation>
    </message>
    <message>
        <location filename="../../ui/products/import_preview.py" line="248"/>
        <source>Problems ({count})</source>
        <translation>问题 ({count})</translation>
    </message>
    <message>
        <location filename="../../ui/products/import_preview.py" line="249"/>
        <source>All rows ({count})</source>
        <translation>全部行 ({count})</translation>
    </message>
    <message>
        <location filename="../../ui/products/import_preview.py" line="252"/>
        <source>Read as {encoding}</source>
        <translation>按 {encoding} 读取</translation>
    </message>
    <message>
        <location filename="../../ui/products/import_preview.py" line="254"/>
        <source>Rows: {total}  ·  New products: {new}  ·  To update: {updates}  ·  With problems: {bad}</source>
        <translation>行数：{total}  ·  新商品：{new}  ·  待更新：{updates}  ·  有问题：{bad}</translation>
    </message>
    <message>
        <location filename="../../ui/products/import_preview.py" line="261"/>
        <source>Nothing can be imported while rows have problems. Fix them in the file and import it again, or import the good rows only: the bad ones are then written to {name} beside the file.</source>
        <translation>存在有问题的行时无法导入。请在文件中修正后重新导入，或仅导入正确的行：有问题的行将写入文件旁的 {name}。</translation>
    </message>
    <message>
        <location filename="../../ui/products/import_preview.py" line="266"/>
        <source>Every row has a problem; fix the file and import it again.</source>
        <translation>所有行都有问题；请修正文件后重新导入。</translation>
    </message>
    <message>
        <location filename="../../ui/products/import_preview.py" line="269"/>
        <source>The file has no rows to import.</source>
        <translation>文件中没有可导入的行。</translation>
    </message>
    <message>
        <location filename="../../ui/products/import_preview.py" line="282"/>
        <source>The file cannot be imported.</source>
        <translation>无法导入此文件。</translation>
    </message>
    <message>
        <location filename="../../ui/products/import_preview.py" line="306"/>
        <source>Every row must be right to import the whole file.</source>
        <translation>所有行都正确才能导入整个文件。</translation>
    </message>
</context>
<context>
    <name>Keypad</name>
    <message>
        <location filename="../../ui/keypad.py" line="26"/>
        <location filename="../../ui/keypad.py" line="28"/>
        <source>Digit {digit}</source>
        <translation>数字 {digit}</translation>
    </message>
    <message>
        <location filename="../../ui/keypad.py" line="29"/>
        <source>Double zero</source>
        <translation>双零</translation>
    </message>
    <message>
        <location filename="../../ui/keypad.py" line="30"/>
        <source>Decimal sign</source>
        <translation>小数点</translation>
    </message>
    <message>
        <location filename="../../ui/keypad.py" line="32"/>
        <source>Delete the last digit</source>
        <translation>删除最后一位</translation>
    </message>
    <message>
        <location filename="../../ui/keypad.py" line="34"/>
        <source>C</source>
        <translation>C</translation>
    </message>
    <message>
        <location filename="../../ui/keypad.py" line="34"/>
        <source>Clear the amount</source>
        <translation>清除金额</translation>
    </message>
</context>
<context>
    <name>Kiosk</name>
    <message>
        <location filename="../../ui/kiosk.py" line="33"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk.py" line="35"/>
        <source>Quit the till (a manager&apos;s PIN)</source>
        <translation>退出收银机（需经理 PIN）</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="118"/>
        <source>Register</source>
        <translation>收银台</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="119"/>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="120"/>
        <source>Products</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="121"/>
        <source>Reports</source>
        <translation>报表</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="122"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="148"/>
        <source>Shift</source>
        <translation>班次</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="149"/>
        <source>Shift: open, cash in and out, X report, close with a count</source>
        <translation>班次：开班、存取现金、X 报表、点钞交班</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="151"/>
        <source>No sale</source>
        <translation>不销售开箱</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="151"/>
        <source>No sale: open the cash drawer</source>
        <translation>不销售：打开钱箱</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="153"/>
        <source>Lock</source>
        <translation>锁屏</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="154"/>
        <source>Lock the till, or switch cashier (the sale stays)</source>
        <translation>锁定收银台或切换收银员（当前销售保留）</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="188"/>
        <source>A sale is open at the till</source>
        <translation>收银机上有一笔进行中的销售</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="210"/>
        <source>Create the store&apos;s staff first (pos users add), then sign in.</source>
        <translation>请先创建本店员工（pos users add），然后登录。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="239"/>
        <source>Sign in first.</source>
        <translation>请先登录。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="263"/>
        <source>Open a shift first: every drawer opening is counted on a shift.</source>
        <translation>请先开班：每次打开钱箱都记入班次。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="345"/>
        <source>Cards: external terminal</source>
        <translation>银行卡：外接刷卡机</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="353"/>
        <source>Catalogue %p%</source>
        <translation>商品目录 %p%</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="371"/>
        <source>Card refund refused</source>
        <translation>银行卡退款被拒绝</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="387"/>
        <source>Terminal {terminal}</source>
        <translation>终端 {terminal}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="390"/>
        <source>No one signed in</source>
        <translation>无人登录</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="392"/>
        <source>Cashier: {name}</source>
        <translation>收银员：{name}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="397"/>
        <source>Cards: online</source>
        <translation>银行卡：在线</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="398"/>
        <source>Cards: OFFLINE</source>
        <translation>银行卡：离线</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="400"/>
        <source>The card gateway does not answer. Cash works; cards follow the store&apos;s offline policy until the gateway is back.</source>
        <translation>支付网关没有应答。现金照常可用；网关恢复前，银行卡按本店的离线规则处理。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="369"/>
        <source>Offline card payment declined</source>
        <translation>离线银行卡付款被拒绝</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="100"/>
        <source>Locked</source>
        <translation>已锁定</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="317"/>
        <source>a cashier</source>
        <translation>收银员</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="317"/>
        <source>a supervisor</source>
        <translation>主管</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="318"/>
        <source>a manager</source>
        <translation>经理</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="319"/>
        <source>{page} is for {roles}: press Lock and let one of them sign in.</source>
        <translation>“{page}”仅限{roles}使用：请按“锁定”，让其中一位登录。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="321"/>
        <source> or </source>
        <translation>或</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="409"/>
        <source>Downloading head office&apos;s catalogue</source>
        <translation>正在下载总部的商品目录</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="452"/>
        <source>No shift open: the first payment asks for the float</source>
        <translation>未开班：第一笔付款时会要求输入备用金</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="456"/>
        <source>Shift {number} open since {time}</source>
        <translation>第 {number} 班，{time} 开班</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="463"/>
        <source>{store} — Point of Sale</source>
        <translation>{store} — 收银系统</translation>
    </message>
</context>
<context>
    <name>MessageBar</name>
    <message>
        <location filename="../../ui/register/message_bar.py" line="20"/>
        <source>Register message</source>
        <translation>收银台提示</translation>
    </message>
</context>
<context>
    <name>MessageLabel</name>
    <message>
        <location filename="../../ui/forms.py" line="206"/>
        <source>Message</source>
        <translation>提示信息</translation>
    </message>
</context>
<context>
    <name>OneWindow</name>
    <message>
        <location filename="../../ui/one_window.py" line="114"/>
        <source>Show that window</source>
        <translation>显示那个窗口</translation>
    </message>
    <message>
        <location filename="../../ui/one_window.py" line="116"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../ui/one_window.py" line="124"/>
        <source>The window that has the store did not answer. Look for it on the task bar, or close that program and start again.</source>
        <translation>打开这家店的窗口没有响应。请在任务栏中找到它，或关闭那个程序后重新启动。</translation>
    </message>
</context>
<context>
    <name>OpenShiftDialog</name>
    <message>
        <location filename="../../ui/register/open_shift.py" line="24"/>
        <source>Open the shift</source>
        <translation>开班</translation>
    </message>
    <message>
        <location filename="../../ui/register/open_shift.py" line="29"/>
        <source>No shift is open on this till, and every sale belongs to one. Count the cash in the drawer and type it as the opening float (0 if it is empty); the sale waits.</source>
        <translation>本收银台尚未开班，而每笔销售都属于一个班次。请清点钱箱中的现金，并输入为开班备用金（钱箱为空则输入 0）；这笔销售会等待。</translation>
    </message>
    <message>
        <location filename="../../ui/register/open_shift.py" line="35"/>
        <source>Opening float</source>
        <translation>开班备用金</translation>
    </message>
    <message>
        <location filename="../../ui/register/open_shift.py" line="36"/>
        <source>Cash counted into the drawer</source>
        <translation>放入钱箱并清点过的现金</translation>
    </message>
    <message>
        <location filename="../../ui/register/open_shift.py" line="41"/>
        <source>Open shift</source>
        <translation>开班</translation>
    </message>
</context>
<context>
    <name>OrderDetailsPane</name>
    <message>
        <location filename="../../ui/history/details_pane.py" line="45"/>
        <source>Order details</source>
        <translation>订单详情</translation>
    </message>
    <message>
        <location filename="../../ui/history/details_pane.py" line="49"/>
        <source>Choose an order to see its lines, payments and history.</source>
        <translation>选择一个订单以查看其明细、付款和历史记录。</translation>
    </message>
    <message>
        <location filename="../../ui/history/details_pane.py" line="55"/>
        <source>Receipt</source>
        <translation>小票</translation>
    </message>
    <message>
        <location filename="../../ui/history/details_pane.py" line="57"/>
        <source>Order status</source>
        <translation>订单状态</translation>
    </message>
    <message>
        <location filename="../../ui/history/details_pane.py" line="59"/>
        <source>Order information</source>
        <translation>订单信息</translation>
    </message>
    <message>
        <location filename="../../ui/history/details_pane.py" line="60"/>
        <source>Order lines</source>
        <translation>订单明细</translation>
    </message>
    <message>
        <location filename="../../ui/history/details_pane.py" line="61"/>
        <source>Order totals</source>
        <translation>订单合计</translation>
    </message>
    <message>
        <location filename="../../ui/history/details_pane.py" line="62"/>
        <location filename="../../ui/history/details_pane.py" line="120"/>
        <source>Payments</source>
        <translation>付款</translation>
    </message>
    <message>
        <location filename="../../ui/history/details_pane.py" line="63"/>
        <location filename="../../ui/history/details_pane.py" line="65"/>
        <source>Refunds</source>
        <translation>退款</translation>
    </message>
    <message>
        <location filename="../../ui/history/details_pane.py" line="64"/>
        <source>Status timeline</source>
        <translation>状态时间线</translation>
    </message>
    <message>
        <location filename="../../ui/history/details_pane.py" line="67"/>
        <source>&amp;Refund…</source>
        <translation>退款(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../ui/history/details_pane.py" line="68"/>
        <source>Refund</source>
        <translation>退款</translation>
    </message>
    <message>
        <location filename="../../ui/history/details_pane.py" line="69"/>
        <source>Ca&amp;ncel order</source>
        <translation>取消订单(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/history/details_pane.py" line="70"/>
        <source>Cancel order</source>
        <translation>取消订单</translation>
    </message>
    <message>
        <location filename="../../ui/history/details_pane.py" line="71"/>
        <source>Mark s&amp;hipped</source>
        <translation>标记为已发货(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../ui/history/details_pane.py" line="72"/>
        <source>Mark shipped</source>
        <translation>标记为已发货</translation>
    </message>
    <message>
        <location filename="../../ui/history/details_pane.py" line="73"/>
        <source>Mark co&amp;mpleted</source>
        <translation>标记为已完成(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../ui/history/details_pane.py" line="74"/>
        <source>Mark completed</source>
        <translation>标记为已完成</translation>
    </message>
    <message>
        <location filename="../../ui/history/details_pane.py" line="75"/>
        <source>R&amp;eprint</source>
        <translation>重打小票(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../ui/history/details_pane.py" line="76"/>
        <source>Reprint receipt</source>
        <translation>重打小票</translation>
    </message>
    <message>
        <location filename="../../ui/history/details_pane.py" line="117"/>
        <source>Items</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../../ui/history/details_pane.py" line="124"/>
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <location filename="../../ui/history/details_pane.py" line="170"/>
        <source>Receipt {receipt}</source>
        <translation>小票 {receipt}</translation>
    </message>
    <message>
        <location filename="../../ui/history/details_pane.py" line="171"/>
        <source>Unpaid order</source>
        <translation>未付款订单</translation>
    </message>
    <message>
        <location filename="../../ui/history/details_pane.py" line="195"/>
        <source>Terminal {terminal}</source>
        <translation>终端 {terminal}</translation>
    </message>
    <message>
        <location filename="../../ui/history/details_pane.py" line="197"/>
        <source>Customer: {name}</source>
        <translation>会员：{name}</translation>
    </message>
    <message>
        <location filename="../../ui/history/details_pane.py" line="200"/>
        <source>no address given</source>
        <translation>未填写地址</translation>
    </message>
    <message>
        <location filename="../../ui/history/details_pane.py" line="201"/>
        <source>Ship to: {address}</source>
        <translation>配送至：{address}</translation>
    </message>
    <message>
        <location filename="../../ui/history/details_pane.py" line="212"/>
        <source>{quantity} × {price}</source>
        <translation>{quantity} × {price}</translation>
    </message>
    <message>
        <location filename="../../ui/history/details_pane.py" line="216"/>
        <source>discount {amount}</source>
        <translation>折扣 {amount}</translation>
    </message>
    <message>
        <location filename="../../ui/history/details_pane.py" line="219"/>
        <source>{quantity} refunded</source>
        <translation>已退 {quantity}</translation>
    </message>
    <message>
        <location filename="../../ui/history/details_pane.py" line="226"/>
        <source>{weight} kg</source>
        <translation>{weight} kg</translation>
    </message>
    <message>
        <location filename="../../ui/history/details_pane.py" line="232"/>
        <source>{price}/kg</source>
        <translation>{price}/kg</translation>
    </message>
    <message>
        <location filename="../../ui/history/details_pane.py" line="235"/>
        <source>Subtotal</source>
        <translation>小计</translation>
    </message>
    <message>
        <location filename="../../ui/history/details_pane.py" line="235"/>
        <source>Tax</source>
        <translation>税</translation>
    </message>
    <message>
        <location filename="../../ui/history/details_pane.py" line="237"/>
        <source>Discount</source>
        <translation>折扣</translation>
    </message>
    <message>
        <location filename="../../ui/history/details_pane.py" line="239"/>
        <source>Cash rounding</source>
        <translation>现金抹零</translation>
    </message>
    <message>
        <location filename="../../ui/history/details_pane.py" line="241"/>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <location filename="../../ui/history/details_pane.py" line="242"/>
        <source>Paid</source>
        <translation>已付款</translation>
    </message>
    <message>
        <location filename="../../ui/history/details_pane.py" line="244"/>
        <source>Refunded</source>
        <translation>已退款</translation>
    </message>
    <message>
        <location filename="../../ui/history/details_pane.py" line="250"/>
        <source>No payment yet.</source>
        <translation>尚无付款。</translation>
    </message>
    <message>
        <location filename="../../ui/history/details_pane.py" line="255"/>
        <source>{tender} · {brand} •••• {last4}</source>
        <translation>{tender} · {brand} •••• {last4}</translation>
    </message>
    <message>
        <location filename="../../ui/history/details_pane.py" line="260"/>
        <source>given {tendered}, change {change}</source>
        <translation>实收 {tendered}，找零 {change}</translation>
    </message>
    <message>
        <location filename="../../ui/history/details_pane.py" line="269"/>
        <source>restocked</source>
        <translation>已退回库存</translation>
    </message>
    <message>
        <location filename="../../ui/history/details_pane.py" line="269"/>
        <source>not restocked</source>
        <translation>未退回库存</translation>
    </message>
    <message>
        <location filename="../../ui/history/details_pane.py" line="276"/>
        <source>To {tender}</source>
        <translation>退至{tender}</translation>
    </message>
    <message>
        <location filename="../../ui/history/details_pane.py" line="284"/>
        <source>{payment} {amount}</source>
        <translation>{payment} {amount}</translation>
    </message>
</context>
<context>
    <name>OrderHistory</name>
    <message>
        <location filename="../../ui/history/labels.py" line="29"/>
        <source>Unpaid</source>
        <translation>未付款</translation>
    </message>
    <message>
        <location filename="../../ui/history/labels.py" line="30"/>
        <source>Paid</source>
        <translation>已付款</translation>
    </message>
    <message>
        <location filename="../../ui/history/labels.py" line="31"/>
        <source>Shipped</source>
        <translation>已发货</translation>
    </message>
    <message>
        <location filename="../../ui/history/labels.py" line="32"/>
        <source>Completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../ui/history/labels.py" line="33"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../../ui/history/labels.py" line="34"/>
        <source>Partly refunded</source>
        <translation>部分退款</translation>
    </message>
    <message>
        <location filename="../../ui/history/labels.py" line="35"/>
        <source>Refunded</source>
        <translation>已退款</translation>
    </message>
    <message>
        <location filename="../../ui/history/labels.py" line="46"/>
        <source>Created</source>
        <translation>已创建</translation>
    </message>
    <message>
        <location filename="../../ui/history/labels.py" line="52"/>
        <source>Cash</source>
        <translation>现金</translation>
    </message>
    <message>
        <location filename="../../ui/history/labels.py" line="54"/>
        <location filename="../../ui/history/labels.py" line="67"/>
        <source>Card</source>
        <translation>银行卡</translation>
    </message>
    <message>
        <location filename="../../ui/history/labels.py" line="66"/>
        <source>{brand} •••• {last4}</source>
        <translation>{brand} •••• {last4}</translation>
    </message>
    <message>
        <location filename="../../ui/history/labels.py" line="69"/>
        <source>the card</source>
        <translation>银行卡</translation>
    </message>
    <message>
        <location filename="../../ui/history/labels.py" line="80"/>
        <source>give back {amount} in cash</source>
        <translation>退还现金 {amount}</translation>
    </message>
    <message>
        <location filename="../../ui/history/labels.py" line="83"/>
        <source>{amount} goes back to {card}</source>
        <translation>{amount} 退回至 {card}</translation>
    </message>
    <message>
        <location filename="../../ui/history/labels.py" line="88"/>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <location filename="../../ui/history/labels.py" line="89"/>
        <source>{split}.</source>
        <translation>{split}。</translation>
    </message>
    <message>
        <location filename="../../ui/history/labels.py" line="95"/>
        <source>1 item</source>
        <translation>1 件商品</translation>
    </message>
    <message>
        <location filename="../../ui/history/labels.py" line="96"/>
        <source>{count} items</source>
        <translation>{count} 件商品</translation>
    </message>
</context>
<context>
    <name>OrderTableModel</name>
    <message>
        <location filename="../../ui/history/order_table_model.py" line="99"/>
        <source>Receipt</source>
        <translation>小票</translation>
    </message>
    <message>
        <location filename="../../ui/history/order_table_model.py" line="99"/>
        <source>Date and time</source>
        <translation>日期时间</translation>
    </message>
    <message>
        <location filename="../../ui/history/order_table_model.py" line="99"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/history/order_table_model.py" line="100"/>
        <source>Customer / items</source>
        <translation>会员 / 商品</translation>
    </message>
    <message>
        <location filename="../../ui/history/order_table_model.py" line="100"/>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <location filename="../../ui/history/order_table_model.py" line="100"/>
        <source>Paid by</source>
        <translation>支付方式</translation>
    </message>
    <message>
        <location filename="../../ui/history/order_table_model.py" line="227"/>
        <source>{customer} · {items}</source>
        <translation>{customer} · {items}</translation>
    </message>
</context>
<context>
    <name>ParkedDialog</name>
    <message>
        <location filename="../../ui/register/parked_dialog.py" line="17"/>
        <source>Recall a parked sale</source>
        <translation>取单</translation>
    </message>
    <message>
        <location filename="../../ui/register/parked_dialog.py" line="20"/>
        <source>Parked sales on this terminal, oldest first:</source>
        <translation>本终端的挂单（最早在前）：</translation>
    </message>
    <message>
        <location filename="../../ui/register/parked_dialog.py" line="23"/>
        <source>Parked sales</source>
        <translation>挂单</translation>
    </message>
    <message>
        <location filename="../../ui/register/parked_dialog.py" line="35"/>
        <source>&amp;Recall</source>
        <translation>取单(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/register/parked_dialog.py" line="42"/>
        <source>Choose a parked sale.</source>
        <translation>请选择一个挂单。</translation>
    </message>
</context>
<context>
    <name>PaymentList</name>
    <message>
        <location filename="../../ui/checkout/payment_list.py" line="25"/>
        <source>Payments taken</source>
        <translation>已收款项</translation>
    </message>
    <message>
        <location filename="../../ui/checkout/payment_list.py" line="30"/>
        <source>Payments</source>
        <translation>付款</translation>
    </message>
    <message>
        <location filename="../../ui/checkout/payment_list.py" line="34"/>
        <source>None yet. To split, take part by card (F3) or cash (F4), then the rest.</source>
        <translation>暂无。如需分开支付，先用银行卡 (F3) 或现金 (F4) 支付一部分，再支付余额。</translation>
    </message>
    <message>
        <location filename="../../ui/checkout/payment_list.py" line="56"/>
        <source>Cash</source>
        <translation>现金</translation>
    </message>
    <message>
        <location filename="../../ui/checkout/payment_list.py" line="57"/>
        <source>Card</source>
        <translation>银行卡</translation>
    </message>
    <message>
        <location filename="../../ui/checkout/payment_list.py" line="74"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../../ui/checkout/payment_list.py" line="77"/>
        <source>Remove the payment {what}, {amount}</source>
        <translation>移除付款 {what}，{amount}</translation>
    </message>
</context>
<context>
    <name>PreviewRowsModel</name>
    <message>
        <location filename="../../ui/products/import_preview.py" line="113"/>
        <source>Line</source>
        <translation>行</translation>
    </message>
    <message>
        <location filename="../../ui/products/import_preview.py" line="113"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../ui/products/import_preview.py" line="124"/>
        <source>Problem: {reason}</source>
        <translation>问题：{reason}</translation>
    </message>
    <message>
        <location filename="../../ui/products/import_preview.py" line="126"/>
        <source>Update</source>
        <translation>更新</translation>
    </message>
    <message>
        <location filename="../../ui/products/import_preview.py" line="127"/>
        <source>New</source>
        <translation>新增</translation>
    </message>
</context>
<context>
    <name>PrintElsewhere</name>
    <message>
        <location filename="../../ui/receipts/elsewhere.py" line="26"/>
        <source>Save the receipt as PDF</source>
        <translation>将小票另存为 PDF</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/elsewhere.py" line="27"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/elsewhere.py" line="62"/>
        <source>Save as PDF (80 mm roll)…</source>
        <translation>另存为 PDF（80 毫米卷纸）…</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/elsewhere.py" line="64"/>
        <source>Save as PDF (A4 invoice)…</source>
        <translation>另存为 PDF（A4 发票）…</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/elsewhere.py" line="66"/>
        <source>Print preview, another printer (80 mm roll)…</source>
        <translation>打印预览，选择其他打印机（80 毫米卷纸）…</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/elsewhere.py" line="69"/>
        <source>Print preview, another printer (A4 invoice)…</source>
        <translation>打印预览，选择其他打印机（A4 发票）…</translation>
    </message>
</context>
<context>
    <name>PrintProblemDialog</name>
    <message>
        <location filename="../../ui/receipts/problem_dialog.py" line="24"/>
        <source>Receipt not printed</source>
        <translation>小票未打印</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/problem_dialog.py" line="31"/>
        <source>The sale is saved. You can also reprint the receipt later from the order history.</source>
        <translation>销售已保存。稍后也可以在订单记录中重印小票。</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/problem_dialog.py" line="34"/>
        <source>&amp;Retry</source>
        <translation>重试(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/problem_dialog.py" line="36"/>
        <source>Print &amp;elsewhere</source>
        <translation>改在别处打印(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/problem_dialog.py" line="42"/>
        <source>&amp;Skip</source>
        <translation>跳过(&amp;S)</translation>
    </message>
</context>
<context>
    <name>PrinterSection</name>
    <message>
        <location filename="../../ui/settings/printer_section.py" line="29"/>
        <location filename="../../ui/settings/printer_section.py" line="35"/>
        <source>Receipt printer</source>
        <translation>小票打印机</translation>
    </message>
    <message>
        <location filename="../../ui/settings/printer_section.py" line="36"/>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../ui/settings/printer_section.py" line="37"/>
        <source>Network (ESC/POS, TCP 9100)</source>
        <translation>网络（ESC/POS，TCP 9100）</translation>
    </message>
    <message>
        <location filename="../../ui/settings/printer_section.py" line="38"/>
        <source>USB (ESC/POS)</source>
        <translation>USB（ESC/POS）</translation>
    </message>
    <message>
        <location filename="../../ui/settings/printer_section.py" line="39"/>
        <source>Serial port (ESC/POS)</source>
        <translation>串口（ESC/POS）</translation>
    </message>
    <message>
        <location filename="../../ui/settings/printer_section.py" line="40"/>
        <source>File or device (ESC/POS)</source>
        <translation>文件或设备（ESC/POS）</translation>
    </message>
    <message>
        <location filename="../../ui/settings/printer_section.py" line="41"/>
        <source>System printer</source>
        <translation>系统打印机</translation>
    </message>
    <message>
        <location filename="../../ui/settings/printer_section.py" line="42"/>
        <source>PDF files in a folder</source>
        <translation>保存为文件夹中的 PDF 文件</translation>
    </message>
    <message>
        <location filename="../../ui/settings/printer_section.py" line="46"/>
        <source>Printer address or device</source>
        <translation>打印机地址或设备</translation>
    </message>
    <message>
        <location filename="../../ui/settings/printer_section.py" line="47"/>
        <source>Paper width</source>
        <translation>纸宽</translation>
    </message>
    <message>
        <location filename="../../ui/settings/printer_section.py" line="48"/>
        <source>58 mm (32 characters)</source>
        <translation>58 毫米（每行 32 字符）</translation>
    </message>
    <message>
        <location filename="../../ui/settings/printer_section.py" line="49"/>
        <source>80 mm (42 characters)</source>
        <translation>80 毫米（每行 42 字符）</translation>
    </message>
    <message>
        <location filename="../../ui/settings/printer_section.py" line="50"/>
        <source>80 mm (48 characters)</source>
        <translation>80 毫米（每行 48 字符）</translation>
    </message>
    <message>
        <location filename="../../ui/settings/printer_section.py" line="52"/>
        <source>Code page</source>
        <translation>代码页</translation>
    </message>
    <message>
        <location filename="../../ui/settings/printer_section.py" line="54"/>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <location filename="../../ui/settings/printer_section.py" line="57"/>
        <source>Cash drawer pin</source>
        <translation>钱箱引脚</translation>
    </message>
    <message>
        <location filename="../../ui/settings/printer_section.py" line="58"/>
        <source>Pin 2</source>
        <translation>引脚 2</translation>
    </message>
    <message>
        <location filename="../../ui/settings/printer_section.py" line="59"/>
        <source>Pin 5</source>
        <translation>引脚 5</translation>
    </message>
    <message>
        <location filename="../../ui/settings/printer_section.py" line="60"/>
        <source>Print the receipt after each sale</source>
        <translation>每笔销售后打印小票</translation>
    </message>
    <message>
        <location filename="../../ui/settings/printer_section.py" line="62"/>
        <source>Print a &amp;test page</source>
        <translation>打印测试页(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/printer_section.py" line="67"/>
        <source>Pri&amp;nter</source>
        <translation>打印机(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/printer_section.py" line="68"/>
        <source>&amp;Where</source>
        <translation>位置(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/printer_section.py" line="69"/>
        <source>Paper &amp;width</source>
        <translation>纸宽(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/printer_section.py" line="70"/>
        <source>C&amp;ode page</source>
        <translation>代码页(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/printer_section.py" line="71"/>
        <source>Drawer p&amp;in</source>
        <translation>钱箱引脚(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/printer_section.py" line="106"/>
        <source>Printing is not available here.</source>
        <translation>此处无法打印。</translation>
    </message>
    <message>
        <location filename="../../ui/settings/printer_section.py" line="113"/>
        <source>Printing a test page…</source>
        <translation>正在打印测试页…</translation>
    </message>
    <message>
        <location filename="../../ui/settings/printer_section.py" line="121"/>
        <source>192.168.1.50:9100</source>
        <translation>192.168.1.50:9100</translation>
    </message>
    <message>
        <location filename="../../ui/settings/printer_section.py" line="122"/>
        <source>vendor:product, like 04b8:0202</source>
        <translation>厂商:产品，例如 04b8:0202</translation>
    </message>
    <message>
        <location filename="../../ui/settings/printer_section.py" line="123"/>
        <source>/dev/ttyUSB0 or COM3</source>
        <translation>/dev/ttyUSB0 或 COM3</translation>
    </message>
    <message>
        <location filename="../../ui/settings/printer_section.py" line="123"/>
        <source>/dev/usb/lp0</source>
        <translation>/dev/usb/lp0</translation>
    </message>
    <message>
        <location filename="../../ui/settings/printer_section.py" line="124"/>
        <source>the printer&apos;s name (empty: the default printer)</source>
        <translation>打印机名称（留空：默认打印机）</translation>
    </message>
    <message>
        <location filename="../../ui/settings/printer_section.py" line="125"/>
        <source>the folder for the PDF files</source>
        <translation>保存 PDF 文件的文件夹</translation>
    </message>
</context>
<context>
    <name>ProblemsModel</name>
    <message>
        <location filename="../../ui/products/import_preview.py" line="74"/>
        <source>Line</source>
        <translation>行</translation>
    </message>
    <message>
        <location filename="../../ui/products/import_preview.py" line="74"/>
        <source>SKU</source>
        <translation>货号</translation>
    </message>
    <message>
        <location filename="../../ui/products/import_preview.py" line="74"/>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
</context>
<context>
    <name>ProductDialog</name>
    <message>
        <location filename="../../ui/products/product_dialog.py" line="78"/>
        <source>New product</source>
        <translation>新商品</translation>
    </message>
    <message>
        <location filename="../../ui/products/product_dialog.py" line="79"/>
        <source>Edit product</source>
        <translation>编辑商品</translation>
    </message>
    <message>
        <location filename="../../ui/products/product_dialog.py" line="91"/>
        <source>SKU</source>
        <translation>货号</translation>
    </message>
    <message>
        <location filename="../../ui/products/product_dialog.py" line="93"/>
        <source>The product&apos;s own code, without spaces</source>
        <translation>商品自身的编码，不含空格</translation>
    </message>
    <message>
        <location filename="../../ui/products/product_dialog.py" line="94"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../ui/products/product_dialog.py" line="96"/>
        <source>Price</source>
        <translation>单价</translation>
    </message>
    <message>
        <location filename="../../ui/products/product_dialog.py" line="101"/>
        <source>Tax class</source>
        <translation>税类</translation>
    </message>
    <message>
        <location filename="../../ui/products/product_dialog.py" line="102"/>
        <source>Category</source>
        <translation>分类</translation>
    </message>
    <message>
        <location filename="../../ui/products/product_dialog.py" line="104"/>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../ui/products/product_dialog.py" line="105"/>
        <source>Sold by</source>
        <translation>销售方式</translation>
    </message>
    <message>
        <location filename="../../ui/products/product_dialog.py" line="106"/>
        <source>The piece</source>
        <translation>按件</translation>
    </message>
    <message>
        <location filename="../../ui/products/product_dialog.py" line="107"/>
        <source>Weight (price per kg, stock in grams)</source>
        <translation>称重（按千克计价，库存以克计）</translation>
    </message>
    <message>
        <location filename="../../ui/products/product_dialog.py" line="110"/>
        <source>Barcodes</source>
        <translation>条码</translation>
    </message>
    <message>
        <location filename="../../ui/products/product_dialog.py" line="111"/>
        <source>One per line, or separated by commas</source>
        <translation>每行一个，或用逗号分隔</translation>
    </message>
    <message>
        <location filename="../../ui/products/product_dialog.py" line="112"/>
        <source>On sale (active)</source>
        <translation>在售（启用）</translation>
    </message>
    <message>
        <location filename="../../ui/products/product_dialog.py" line="114"/>
        <source>Active</source>
        <translation>启用</translation>
    </message>
    <message>
        <location filename="../../ui/products/product_dialog.py" line="117"/>
        <source>Stock</source>
        <translation>库存</translation>
    </message>
    <message>
        <location filename="../../ui/products/product_dialog.py" line="129"/>
        <source>&amp;SKU</source>
        <translation>货号(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/products/product_dialog.py" line="129"/>
        <source>&amp;Name</source>
        <translation>名称(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/products/product_dialog.py" line="130"/>
        <source>&amp;Price</source>
        <translation>单价(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/products/product_dialog.py" line="131"/>
        <source>&amp;Tax class</source>
        <translation>税类(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../ui/products/product_dialog.py" line="132"/>
        <source>&amp;Category</source>
        <translation>分类(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/products/product_dialog.py" line="133"/>
        <source>Sold &amp;by</source>
        <translation>销售方式(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../ui/products/product_dialog.py" line="134"/>
        <source>Bar&amp;codes</source>
        <translation>条码(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/products/product_dialog.py" line="140"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../ui/products/product_dialog.py" line="143"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/products/product_dialog.py" line="152"/>
        <source>{name} ({code})</source>
        <translation>{name} ({code})</translation>
    </message>
    <message>
        <location filename="../../ui/products/product_dialog.py" line="168"/>
        <source>The SKU names the product and cannot change.</source>
        <translation>货号是商品的标识，不能更改。</translation>
    </message>
    <message>
        <location filename="../../ui/products/product_dialog.py" line="181"/>
        <source>S&amp;tock (grams)</source>
        <translation>库存（克）(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../ui/products/product_dialog.py" line="181"/>
        <source>S&amp;tock</source>
        <translation>库存(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../ui/products/product_dialog.py" line="182"/>
        <source>{currency} per kg</source>
        <translation>{currency}/千克</translation>
    </message>
    <message>
        <location filename="../../ui/products/product_dialog.py" line="196"/>
        <source>price</source>
        <translation>单价</translation>
    </message>
    <message>
        <location filename="../../ui/products/product_dialog.py" line="211"/>
        <source>grams</source>
        <translation>克</translation>
    </message>
    <message>
        <location filename="../../ui/products/product_dialog.py" line="212"/>
        <source>pieces</source>
        <translation>件</translation>
    </message>
    <message>
        <location filename="../../ui/products/product_dialog.py" line="213"/>
        <source>The stock “{text}” is not a whole number of {what}; type digits like 12.</source>
        <translation>库存“{text}”不是整数{what}；请输入数字，如 12。</translation>
    </message>
    <message>
        <location filename="../../ui/products/product_dialog.py" line="224"/>
        <source>Choose a tax class; add one with Tax classes first.</source>
        <translation>请选择税类；如无，请先在“税类”中添加。</translation>
    </message>
    <message>
        <location filename="../../ui/products/product_dialog.py" line="242"/>
        <source>A product with the SKU {sku} already exists ({name}). Choose another SKU, or edit that product from the list.</source>
        <translation>货号为 {sku} 的商品已存在（{name}）。请换一个货号，或在列表中编辑该商品。</translation>
    </message>
</context>
<context>
    <name>ProductExporter</name>
    <message>
        <location filename="../../ui/products/csv_export.py" line="72"/>
        <source>Exporting products</source>
        <translation>正在导出商品</translation>
    </message>
    <message>
        <location filename="../../ui/products/csv_export.py" line="73"/>
        <source>Writing {name}…</source>
        <translation>正在写入 {name}…</translation>
    </message>
</context>
<context>
    <name>ProductImporter</name>
    <message>
        <location filename="../../ui/products/csv_import.py" line="106"/>
        <source>Reading the file</source>
        <translation>正在读取文件</translation>
    </message>
    <message>
        <location filename="../../ui/products/csv_import.py" line="107"/>
        <source>Reading and checking {name}…</source>
        <translation>正在读取并检查 {name}…</translation>
    </message>
    <message>
        <location filename="../../ui/products/csv_import.py" line="118"/>
        <source>Checking row {done} of {total}…</source>
        <translation>正在检查第 {done} 行，共 {total} 行…</translation>
    </message>
    <message>
        <location filename="../../ui/products/csv_import.py" line="139"/>
        <source>Looking up the file&apos;s products in the store…</source>
        <translation>正在门店中查找文件中的商品…</translation>
    </message>
    <message>
        <location filename="../../ui/products/csv_import.py" line="151"/>
        <source>{name} is not UTF-8 and its encoding could not be recognised for sure. Choose the encoding above, or save the file as “CSV UTF-8” in the spreadsheet.</source>
        <translation>{name} 不是 UTF-8 编码，且无法可靠识别其编码。请在上方选择编码，或在电子表格中将文件另存为“CSV UTF-8”。</translation>
    </message>
    <message>
        <location filename="../../ui/products/csv_import.py" line="189"/>
        <source>The store is busy saving something else; try again in a moment.</source>
        <translation>门店数据正在保存其他内容，请稍后重试。</translation>
    </message>
    <message>
        <location filename="../../ui/products/csv_import.py" line="192"/>
        <source>Importing products</source>
        <translation>正在导入商品</translation>
    </message>
    <message>
        <location filename="../../ui/products/csv_import.py" line="193"/>
        <source>Writing the products of {name}…</source>
        <translation>正在写入 {name} 中的商品…</translation>
    </message>
    <message>
        <location filename="../../ui/products/csv_import.py" line="213"/>
        <source>The store changed since the file was checked, and some rows are now wrong; nothing was imported. See the problems below.</source>
        <translation>检查文件后门店数据已发生变化，部分行现在有误；未导入任何内容。请查看下方的问题。</translation>
    </message>
    <message>
        <location filename="../../ui/products/csv_import.py" line="217"/>
        <source>{reason} Nothing was imported.</source>
        <translation>{reason} 未导入任何内容。</translation>
    </message>
    <message>
        <location filename="../../ui/products/csv_import.py" line="229"/>
        <source>The import was cancelled; nothing was imported.</source>
        <translation>导入已取消；未导入任何内容。</translation>
    </message>
</context>
<context>
    <name>ProductSearch</name>
    <message>
        <location filename="../../ui/register/product_search.py" line="43"/>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../../ui/register/product_search.py" line="43"/>
        <source>Price</source>
        <translation>价格</translation>
    </message>
    <message>
        <location filename="../../ui/register/product_search.py" line="43"/>
        <source>In stock</source>
        <translation>库存</translation>
    </message>
    <message>
        <location filename="../../ui/register/product_search.py" line="81"/>
        <source>{price}/kg</source>
        <translation>{price}/kg</translation>
    </message>
    <message>
        <location filename="../../ui/register/product_search.py" line="101"/>
        <source>Out of stock</source>
        <translation>缺货</translation>
    </message>
    <message>
        <location filename="../../ui/register/product_search.py" line="103"/>
        <source>{weight} kg</source>
        <translation>{weight} 千克</translation>
    </message>
</context>
<context>
    <name>ProductTableModel</name>
    <message>
        <location filename="../../ui/products/product_table_model.py" line="75"/>
        <source>SKU</source>
        <translation>货号</translation>
    </message>
    <message>
        <location filename="../../ui/products/product_table_model.py" line="75"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../ui/products/product_table_model.py" line="75"/>
        <source>Price</source>
        <translation>单价</translation>
    </message>
    <message>
        <location filename="../../ui/products/product_table_model.py" line="76"/>
        <source>Tax class</source>
        <translation>税类</translation>
    </message>
    <message>
        <location filename="../../ui/products/product_table_model.py" line="76"/>
        <source>Category</source>
        <translation>分类</translation>
    </message>
    <message>
        <location filename="../../ui/products/product_table_model.py" line="76"/>
        <source>Stock</source>
        <translation>库存</translation>
    </message>
    <message>
        <location filename="../../ui/products/product_table_model.py" line="174"/>
        <source>{name} (inactive: not sold)</source>
        <translation>{name}（已停用：不销售）</translation>
    </message>
    <message>
        <location filename="../../ui/products/product_table_model.py" line="182"/>
        <source>Inactive: not sold</source>
        <translation>已停用：不销售</translation>
    </message>
    <message>
        <location filename="../../ui/products/product_table_model.py" line="210"/>
        <source>{price}/kg</source>
        <translation>{price}/kg</translation>
    </message>
    <message>
        <location filename="../../ui/products/product_table_model.py" line="211"/>
        <source>{quantity} kg</source>
        <translation>{quantity} kg</translation>
    </message>
</context>
<context>
    <name>ProductsView</name>
    <message>
        <location filename="../../ui/products/products_view.py" line="54"/>
        <location filename="../../ui/products/products_view.py" line="114"/>
        <source>Products</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../../ui/products/products_view.py" line="69"/>
        <source>Show &amp;inactive</source>
        <translation>显示已停用(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../ui/products/products_view.py" line="71"/>
        <source>Show inactive products</source>
        <translation>显示已停用的商品</translation>
    </message>
    <message>
        <location filename="../../ui/products/products_view.py" line="106"/>
        <source>Search products by name or SKU</source>
        <translation>按名称或货号搜索商品</translation>
    </message>
    <message>
        <location filename="../../ui/products/products_view.py" line="107"/>
        <source>Search products</source>
        <translation>搜索商品</translation>
    </message>
    <message>
        <location filename="../../ui/products/products_view.py" line="108"/>
        <source>Type part of a product name or the start of its SKU; the list below shows the matches.</source>
        <translation>输入商品名称的一部分或货号开头；下方列表显示匹配结果。</translation>
    </message>
    <message>
        <location filename="../../ui/products/products_view.py" line="123"/>
        <source>&amp;New product</source>
        <translation>新建商品(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/products/products_view.py" line="124"/>
        <source>Create a product (Ctrl+N)</source>
        <translation>新建商品 (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../ui/products/products_view.py" line="126"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../ui/products/products_view.py" line="127"/>
        <source>Edit product</source>
        <translation>编辑商品</translation>
    </message>
    <message>
        <location filename="../../ui/products/products_view.py" line="128"/>
        <source>Change the selected product (Enter or double-click)</source>
        <translation>修改所选商品（Enter 或双击）</translation>
    </message>
    <message>
        <location filename="../../ui/products/products_view.py" line="131"/>
        <source>&amp;Tax classes</source>
        <translation>税类(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../ui/products/products_view.py" line="134"/>
        <source>Im&amp;port CSV…</source>
        <translation>导入 CSV(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../ui/products/products_view.py" line="136"/>
        <source>Import products from a CSV file</source>
        <translation>从 CSV 文件导入商品</translation>
    </message>
    <message>
        <location filename="../../ui/products/products_view.py" line="138"/>
        <source>E&amp;xport CSV…</source>
        <translation>导出 CSV(&amp;X)…</translation>
    </message>
    <message>
        <location filename="../../ui/products/products_view.py" line="140"/>
        <source>Export products to a CSV file</source>
        <translation>将商品导出为 CSV 文件</translation>
    </message>
    <message>
        <location filename="../../ui/products/products_view.py" line="144"/>
        <source>&amp;Search:</source>
        <translation>搜索(&amp;S)：</translation>
    </message>
    <message>
        <location filename="../../ui/products/products_view.py" line="160"/>
        <source>Head office manages this till&apos;s catalogue: change products there (pos hq products import). Changes made here stay on this till.</source>
        <translation>商品目录由总部管理：请在总部修改商品（pos hq products import）。在此所做的修改仅保留在本收银台。</translation>
    </message>
    <message>
        <location filename="../../ui/products/products_view.py" line="223"/>
        <source>Saved {name}.</source>
        <translation>已保存 {name}。</translation>
    </message>
    <message>
        <location filename="../../ui/products/products_view.py" line="250"/>
        <source>Imported {name} ({encoding}): {new} new, {updated} updated.</source>
        <translation>已导入 {name}（{encoding}）：新增 {new} 个，更新 {updated} 个。</translation>
    </message>
    <message>
        <location filename="../../ui/products/products_view.py" line="254"/>
        <source>{count} bad rows were skipped and written to {file}.</source>
        <translation>已跳过 {count} 个有问题的行，并写入 {file}。</translation>
    </message>
    <message>
        <location filename="../../ui/products/products_view.py" line="270"/>
        <source>The export was cancelled; no file was written.</source>
        <translation>导出已取消；未写入任何文件。</translation>
    </message>
    <message>
        <location filename="../../ui/products/products_view.py" line="275"/>
        <source>Exported {count} products to {path}.</source>
        <translation>已将 {count} 个商品导出到 {path}。</translation>
    </message>
    <message>
        <location filename="../../ui/products/products_view.py" line="301"/>
        <source>1 product</source>
        <translation>1 个商品</translation>
    </message>
    <message>
        <location filename="../../ui/products/products_view.py" line="302"/>
        <source>{count} products</source>
        <translation>{count} 个商品</translation>
    </message>
    <message>
        <location filename="../../ui/products/products_view.py" line="306"/>
        <source>First {shown} matches of {total} products</source>
        <translation>{total} 个商品中的前 {shown} 个匹配项</translation>
    </message>
    <message>
        <location filename="../../ui/products/products_view.py" line="308"/>
        <source>{shown} matches of {total} products</source>
        <translation>{total} 个商品中有 {shown} 个匹配项</translation>
    </message>
</context>
<context>
    <name>ProgressDialog</name>
    <message>
        <location filename="../../ui/products/progress_dialog.py" line="35"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/products/progress_dialog.py" line="60"/>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
</context>
<context>
    <name>QMessageBox</name>
    <message>
        <location filename="../../ui/checkout/card_terminal.py" line="147"/>
        <source>Void card payment</source>
        <translation>撤销银行卡付款</translation>
    </message>
    <message>
        <location filename="../../ui/checkout/card_terminal.py" line="148"/>
        <source>Void {amount} on the card terminal, then confirm here.</source>
        <translation>请在刷卡机上撤销 {amount}，然后在此确认。</translation>
    </message>
    <message>
        <location filename="../../ui/checkout/card_terminal.py" line="151"/>
        <source>Voided on the terminal</source>
        <translation>已在刷卡机上撤销</translation>
    </message>
    <message>
        <location filename="../../ui/checkout/card_terminal.py" line="153"/>
        <source>Keep the payment</source>
        <translation>保留该付款</translation>
    </message>
</context>
<context>
    <name>QuickCashBar</name>
    <message>
        <location filename="../../ui/checkout/quick_cash.py" line="52"/>
        <source>Exact {amount}</source>
        <translation>刚好 {amount}</translation>
    </message>
    <message>
        <location filename="../../ui/checkout/quick_cash.py" line="53"/>
        <source>Exact amount, {amount}</source>
        <translation>刚好金额，{amount}</translation>
    </message>
    <message>
        <location filename="../../ui/checkout/quick_cash.py" line="56"/>
        <source>Cash {amount}</source>
        <translation>现金 {amount}</translation>
    </message>
</context>
<context>
    <name>QuickKeysEditor</name>
    <message>
        <location filename="../../ui/settings/quick_keys_editor.py" line="47"/>
        <source>Find a product to add as a quick key</source>
        <translation>查找要添加为快捷键的商品</translation>
    </message>
    <message>
        <location filename="../../ui/settings/quick_keys_editor.py" line="48"/>
        <source>Add a product: type its name or SKU</source>
        <translation>添加商品：输入名称或货号</translation>
    </message>
    <message>
        <location filename="../../ui/settings/quick_keys_editor.py" line="56"/>
        <source>&amp;Add</source>
        <translation>添加(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/quick_keys_editor.py" line="57"/>
        <source>Add quick key</source>
        <translation>添加快捷键</translation>
    </message>
    <message>
        <location filename="../../ui/settings/quick_keys_editor.py" line="63"/>
        <source>Quick keys, in the order shown on the register</source>
        <translation>快捷键（按收银台上的显示顺序）</translation>
    </message>
    <message>
        <location filename="../../ui/settings/quick_keys_editor.py" line="65"/>
        <source>Move &amp;up</source>
        <translation>上移(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/quick_keys_editor.py" line="68"/>
        <source>Move do&amp;wn</source>
        <translation>下移(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/quick_keys_editor.py" line="71"/>
        <source>&amp;Remove</source>
        <translation>移除(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/quick_keys_editor.py" line="110"/>
        <source>{sku} – not in the catalogue</source>
        <translation>{sku} – 商品目录中不存在</translation>
    </message>
    <message>
        <location filename="../../ui/settings/quick_keys_editor.py" line="112"/>
        <source>No product has this SKU; remove the key or add the product.</source>
        <translation>没有此货号的商品；请移除该快捷键或添加该商品。</translation>
    </message>
</context>
<context>
    <name>QuickKeysPanel</name>
    <message>
        <location filename="../../ui/register/quick_keys_panel.py" line="134"/>
        <source>Quick keys</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <location filename="../../ui/register/quick_keys_panel.py" line="192"/>
        <source>Choose your quick keys in Settings.</source>
        <translation>请在“设置”中选择快捷键。</translation>
    </message>
    <message>
        <location filename="../../ui/register/quick_keys_panel.py" line="193"/>
        <source>No quick keys yet: choose them in Settings, or scan and search.</source>
        <translation>尚无快捷键：请在“设置”中选择，或扫码和搜索。</translation>
    </message>
    <message>
        <location filename="../../ui/register/quick_keys_panel.py" line="201"/>
        <source>{price}/kg</source>
        <translation>{price}/kg</translation>
    </message>
    <message>
        <location filename="../../ui/register/quick_keys_panel.py" line="260"/>
        <source>More ({page}/{pages})</source>
        <translation>更多（{page}/{pages}）</translation>
    </message>
    <message>
        <location filename="../../ui/register/quick_keys_panel.py" line="262"/>
        <source>More quick keys</source>
        <translation>更多快捷键</translation>
    </message>
</context>
<context>
    <name>ReceiptService</name>
    <message>
        <location filename="../../ui/receipts/service.py" line="99"/>
        <source>Choose a printer first.</source>
        <translation>请先选择打印机。</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/service.py" line="119"/>
        <source>The test page was printed.</source>
        <translation>测试页已打印。</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/service.py" line="169"/>
        <source>The test page was sent to the printer.</source>
        <translation>测试页已发送到打印机。</translation>
    </message>
    <message>
        <location filename="../../ui/receipts/service.py" line="204"/>
        <source>The receipt could not be printed because of an error inside the program ({error}).</source>
        <translation>程序内部出错，小票未能打印（{error}）。</translation>
    </message>
</context>
<context>
    <name>RefundDialog</name>
    <message>
        <location filename="../../ui/history/refund_dialog.py" line="73"/>
        <source>Refund receipt {receipt}</source>
        <translation>退款 小票 {receipt}</translation>
    </message>
    <message>
        <location filename="../../ui/history/refund_dialog.py" line="78"/>
        <source>&amp;Whole order (everything not yet refunded)</source>
        <translation>整单退款（所有尚未退款的商品）(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../ui/history/refund_dialog.py" line="81"/>
        <source>Refund the whole order</source>
        <translation>整单退款</translation>
    </message>
    <message>
        <location filename="../../ui/history/refund_dialog.py" line="82"/>
        <source>&amp;Chosen lines and quantities</source>
        <translation>所选商品行和数量(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/history/refund_dialog.py" line="84"/>
        <source>Refund chosen lines</source>
        <translation>退所选商品行</translation>
    </message>
    <message>
        <location filename="../../ui/history/refund_dialog.py" line="91"/>
        <source>Put the items back in &amp;stock</source>
        <translation>商品退回库存(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/history/refund_dialog.py" line="93"/>
        <source>Put the items back in stock</source>
        <translation>商品退回库存</translation>
    </message>
    <message>
        <location filename="../../ui/history/refund_dialog.py" line="97"/>
        <source>Reason for the refund</source>
        <translation>退款原因</translation>
    </message>
    <message>
        <location filename="../../ui/history/refund_dialog.py" line="98"/>
        <source>For example: damaged, wrong size</source>
        <translation>例如：损坏、尺码不对</translation>
    </message>
    <message>
        <location filename="../../ui/history/refund_dialog.py" line="102"/>
        <source>Amount to refund</source>
        <translation>退款金额</translation>
    </message>
    <message>
        <location filename="../../ui/history/refund_dialog.py" line="105"/>
        <source>Where the money goes back</source>
        <translation>退款去向</translation>
    </message>
    <message>
        <location filename="../../ui/history/refund_dialog.py" line="107"/>
        <source>Choose how much goes &amp;back to each payment</source>
        <translation>自选每笔付款的退款金额(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../ui/history/refund_dialog.py" line="110"/>
        <source>Choose the split of the refund</source>
        <translation>自选退款分配</translation>
    </message>
    <message>
        <location filename="../../ui/history/refund_dialog.py" line="115"/>
        <source>Refund problem</source>
        <translation>退款问题</translation>
    </message>
    <message>
        <location filename="../../ui/history/refund_dialog.py" line="120"/>
        <source>&amp;Refund</source>
        <translation>退款(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/history/refund_dialog.py" line="122"/>
        <source>Confirm the refund</source>
        <translation>确认退款</translation>
    </message>
    <message>
        <location filename="../../ui/history/refund_dialog.py" line="124"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../ui/history/refund_dialog.py" line="126"/>
        <source>Close without refunding</source>
        <translation>关闭，不退款</translation>
    </message>
    <message>
        <location filename="../../ui/history/refund_dialog.py" line="173"/>
        <source>Lines to refund</source>
        <translation>要退款的商品行</translation>
    </message>
    <message>
        <location filename="../../ui/history/refund_dialog.py" line="174"/>
        <source>Item</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../../ui/history/refund_dialog.py" line="174"/>
        <source>Sold</source>
        <translation>已售</translation>
    </message>
    <message>
        <location filename="../../ui/history/refund_dialog.py" line="175"/>
        <source>Refunded</source>
        <translation>已退款</translation>
    </message>
    <message>
        <location filename="../../ui/history/refund_dialog.py" line="175"/>
        <source>Refund now</source>
        <translation>本次退款</translation>
    </message>
    <message>
        <location filename="../../ui/history/refund_dialog.py" line="200"/>
        <source>Quantity of {name} to refund</source>
        <translation>{name} 的退款数量</translation>
    </message>
    <message>
        <location filename="../../ui/history/refund_dialog.py" line="204"/>
        <source> g</source>
        <translation> g</translation>
    </message>
    <message>
        <location filename="../../ui/history/refund_dialog.py" line="224"/>
        <source>{grams} g</source>
        <translation>{grams} g</translation>
    </message>
    <message>
        <location filename="../../ui/history/refund_dialog.py" line="229"/>
        <source>The money goes back the way the customer paid: each payment gets its share, never more than it took.</source>
        <translation>按顾客原付款方式退款：每笔付款退回其应得部分，绝不超过其所收金额。</translation>
    </message>
    <message>
        <location filename="../../ui/history/refund_dialog.py" line="285"/>
        <source>Refund {amount}</source>
        <translation>退款 {amount}</translation>
    </message>
    <message>
        <location filename="../../ui/history/refund_dialog.py" line="307"/>
        <source>Amount back to {payment}</source>
        <translation>退回至{payment}的金额</translation>
    </message>
    <message>
        <location filename="../../ui/history/refund_dialog.py" line="310"/>
        <source>{payment} (holds {amount}):</source>
        <translation>{payment}（可退 {amount}）：</translation>
    </message>
    <message>
        <location filename="../../ui/history/refund_dialog.py" line="238"/>
        <source>Reaso&amp;n:</source>
        <translation>原因(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../../ui/history/refund_dialog.py" line="282"/>
        <source>Choose the quantities to refund.</source>
        <translation>请选择退款数量。</translation>
    </message>
</context>
<context>
    <name>RegisterView</name>
    <message>
        <location filename="../../ui/register/register_view.py" line="88"/>
        <source>Register</source>
        <translation>收银台</translation>
    </message>
    <message>
        <location filename="../../ui/register/register_view.py" line="103"/>
        <source>Search products (F7)</source>
        <translation>搜索商品 (F7)</translation>
    </message>
    <message>
        <location filename="../../ui/register/register_view.py" line="104"/>
        <source>Search products</source>
        <translation>搜索商品</translation>
    </message>
    <message>
        <location filename="../../ui/register/register_view.py" line="144"/>
        <source>Scan or type a code, then Enter</source>
        <translation>扫码或输入编码，按 Enter</translation>
    </message>
    <message>
        <location filename="../../ui/register/register_view.py" line="145"/>
        <source>Scan or type a code</source>
        <translation>扫码或输入编码</translation>
    </message>
    <message>
        <location filename="../../ui/register/register_view.py" line="146"/>
        <source>Enter adds the item; 3*code adds three. Up and Down choose a cart line; Delete voids it.</source>
        <translation>Enter 添加商品；3*编码 添加三件。上下方向键选择购物车行；Delete 删除该行。</translation>
    </message>
    <message>
        <location filename="../../ui/register/register_view.py" line="221"/>
        <source>Quick keys</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <location filename="../../ui/register/register_view.py" line="310"/>
        <source>That product is no longer in the catalogue.</source>
        <translation>该商品已不在商品目录中。</translation>
    </message>
    <message>
        <location filename="../../ui/register/register_view.py" line="322"/>
        <source>{name} was not added: no weight given.</source>
        <translation>{name} 未添加：未输入重量。</translation>
    </message>
    <message>
        <location filename="../../ui/register/register_view.py" line="328"/>
        <source>Added {name}  ·  {quantity}</source>
        <translation>已添加 {name}  ·  {quantity}</translation>
    </message>
    <message>
        <location filename="../../ui/register/register_view.py" line="335"/>
        <source>{added}. Stock shows {stock}, and this sale takes {count}: sell it if it is in the customer&apos;s hand, and tell a supervisor the count is wrong.</source>
        <translation>{added}。库存显示 {stock}，本次销售需要 {count}：如商品已在顾客手中可照常出售，并请告知主管库存数有误。</translation>
    </message>
    <message>
        <location filename="../../ui/register/register_view.py" line="344"/>
        <source>{weight} kg</source>
        <translation>{weight} 千克</translation>
    </message>
    <message>
        <location filename="../../ui/register/register_view.py" line="350"/>
        <source>{count} scan(s) waiting: they go into the cart when the dialog closes.</source>
        <translation>{count} 次扫码待处理：对话框关闭后将加入购物车。</translation>
    </message>
    <message>
        <location filename="../../ui/register/register_view.py" line="358"/>
        <source>Choose a line first: use Up and Down in the scan field, or tap the line.</source>
        <translation>请先选择一行：在扫码框中使用上下方向键，或点按该行。</translation>
    </message>
    <message>
        <location filename="../../ui/register/register_view.py" line="405"/>
        <source>{name} was not voided: no approval.</source>
        <translation>未作废 {name}：没有获得批准。</translation>
    </message>
    <message>
        <location filename="../../ui/register/register_view.py" line="409"/>
        <source>The cart changed meanwhile: choose the line and press Delete again.</source>
        <translation>购物车已有变化：请重新选择该行，再按 Delete。</translation>
    </message>
    <message>
        <location filename="../../ui/register/register_view.py" line="418"/>
        <source>Voided {name}.</source>
        <translation>已删除 {name}。</translation>
    </message>
    <message>
        <location filename="../../ui/register/register_view.py" line="425"/>
        <source>Line discount</source>
        <translation>单品折扣</translation>
    </message>
    <message>
        <location filename="../../ui/register/register_view.py" line="426"/>
        <source>Discount on {name}:</source>
        <translation>{name} 的折扣：</translation>
    </message>
    <message>
        <location filename="../../ui/register/register_view.py" line="433"/>
        <location filename="../../ui/register/register_view.py" line="516"/>
        <source>The sale is empty: scan an item first.</source>
        <translation>当前交易为空：请先扫描商品。</translation>
    </message>
    <message>
        <location filename="../../ui/register/register_view.py" line="175"/>
        <location filename="../../ui/register/register_view.py" line="434"/>
        <location filename="../../ui/screenshots.py" line="291"/>
        <source>Sale discount</source>
        <translation>整单折扣</translation>
    </message>
    <message>
        <location filename="../../ui/register/register_view.py" line="435"/>
        <source>Discount on the whole sale:</source>
        <translation>整单折扣：</translation>
    </message>
    <message>
        <location filename="../../ui/register/register_view.py" line="466"/>
        <source>Sale parked: {label}. F6 recalls it.</source>
        <translation>已挂单：{label}。按 F6 取单。</translation>
    </message>
    <message>
        <location filename="../../ui/register/register_view.py" line="471"/>
        <source>No sale is parked on this terminal.</source>
        <translation>本终端没有挂单。</translation>
    </message>
    <message>
        <location filename="../../ui/register/register_view.py" line="481"/>
        <source>Parked sale recalled.</source>
        <translation>已取单。</translation>
    </message>
    <message>
        <location filename="../../ui/register/register_view.py" line="486"/>
        <source>{count} line(s), {total}</source>
        <translation>{count} 行，{total}</translation>
    </message>
    <message>
        <location filename="../../ui/register/register_view.py" line="179"/>
        <location filename="../../ui/register/register_view.py" line="496"/>
        <source>New sale</source>
        <translation>新交易</translation>
    </message>
    <message>
        <location filename="../../ui/register/register_view.py" line="497"/>
        <source>Discard this sale of {count} line(s)? Park it (F6) to keep it.</source>
        <translation>放弃这笔共 {count} 行的交易？如需保留请挂单 (F6)。</translation>
    </message>
    <message>
        <location filename="../../ui/register/register_view.py" line="501"/>
        <source>New sale: ready to scan.</source>
        <translation>新交易：可以扫码了。</translation>
    </message>
    <message>
        <location filename="../../ui/register/register_view.py" line="541"/>
        <source>Receipt {receipt} saved.</source>
        <translation>小票 {receipt} 已保存。</translation>
    </message>
    <message>
        <location filename="../../ui/register/register_view.py" line="559"/>
        <source>The sale waits: a payment needs an open shift. Press F2 or F3 again to open one.</source>
        <translation>这笔销售在等待：付款需要先开班。再按 F2 或 F3 即可开班。</translation>
    </message>
    <message>
        <location filename="../../ui/register/register_view.py" line="588"/>
        <source>No customer  ·  F8 to attach one</source>
        <translation>无会员  ·  按 F8 关联会员</translation>
    </message>
    <message>
        <location filename="../../ui/register/register_view.py" line="590"/>
        <source>Customer: {name}  ·  ships later</source>
        <translation>会员：{name}  ·  稍后配送</translation>
    </message>
    <message>
        <location filename="../../ui/register/register_view.py" line="593"/>
        <source>Customer: {name}</source>
        <translation>会员：{name}</translation>
    </message>
    <message>
        <location filename="../../ui/register/register_view.py" line="599"/>
        <source>Recall ({count})</source>
        <translation>取单 ({count})</translation>
    </message>
    <message>
        <location filename="../../ui/register/register_view.py" line="600"/>
        <source>Recall</source>
        <translation>取单</translation>
    </message>
    <message>
        <location filename="../../ui/register/register_view.py" line="181"/>
        <location filename="../../ui/register/register_view.py" line="602"/>
        <source>Park sale</source>
        <translation>挂单</translation>
    </message>
    <message>
        <location filename="../../ui/register/register_view.py" line="166"/>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../ui/register/register_view.py" line="168"/>
        <source>Discount</source>
        <translation>折扣</translation>
    </message>
    <message>
        <location filename="../../ui/register/register_view.py" line="170"/>
        <source>Void line</source>
        <translation>删除行</translation>
    </message>
    <message>
        <location filename="../../ui/register/register_view.py" line="170"/>
        <source>Del</source>
        <translation>Del</translation>
    </message>
    <message>
        <location filename="../../ui/register/register_view.py" line="173"/>
        <source>Sale disc.</source>
        <translation>整单折扣</translation>
    </message>
    <message>
        <location filename="../../ui/register/register_view.py" line="173"/>
        <source>⇧F5</source>
        <translation>⇧F5</translation>
    </message>
    <message>
        <location filename="../../ui/register/register_view.py" line="176"/>
        <source>Discount on the whole sale (Shift+F5)</source>
        <translation>整单折扣 (Shift+F5)</translation>
    </message>
    <message>
        <location filename="../../ui/register/register_view.py" line="177"/>
        <source>Customer</source>
        <translation>会员</translation>
    </message>
    <message>
        <location filename="../../ui/register/register_view.py" line="179"/>
        <source>Ctrl+N</source>
        <translation>Ctrl+N</translation>
    </message>
    <message>
        <location filename="../../ui/register/register_view.py" line="183"/>
        <source>Pay by card</source>
        <translation>银行卡支付</translation>
    </message>
    <message>
        <location filename="../../ui/register/register_view.py" line="185"/>
        <source>Pay cash</source>
        <translation>现金支付</translation>
    </message>
</context>
<context>
    <name>ReportPanel</name>
    <message>
        <location filename="../../ui/reports/reports_view.py" line="73"/>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <location filename="../../ui/reports/reports_view.py" line="75"/>
        <location filename="../../ui/reports/reports_view.py" line="88"/>
        <source>Export {title} to CSV</source>
        <translation>将{title}导出为 CSV</translation>
    </message>
    <message>
        <location filename="../../ui/reports/reports_view.py" line="89"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location filename="../../ui/reports/reports_view.py" line="101"/>
        <source>{count} rows written to {path}.</source>
        <translation>已将 {count} 行写入 {path}。</translation>
    </message>
</context>
<context>
    <name>ReportsView</name>
    <message>
        <location filename="../../ui/reports/reports_view.py" line="120"/>
        <source>Sales reports</source>
        <translation>销售报表</translation>
    </message>
    <message>
        <location filename="../../ui/reports/reports_view.py" line="132"/>
        <source>From date</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <location filename="../../ui/reports/reports_view.py" line="133"/>
        <source>To date</source>
        <translation>结束日期</translation>
    </message>
    <message>
        <location filename="../../ui/reports/reports_view.py" line="163"/>
        <location filename="../../ui/reports/reports_view.py" line="171"/>
        <source>Orders</source>
        <translation>订单数</translation>
    </message>
    <message>
        <location filename="../../ui/reports/reports_view.py" line="163"/>
        <location filename="../../ui/reports/reports_view.py" line="366"/>
        <source>Sales</source>
        <translation>销售额</translation>
    </message>
    <message>
        <location filename="../../ui/reports/reports_view.py" line="164"/>
        <location filename="../../ui/reports/reports_view.py" line="165"/>
        <location filename="../../ui/reports/reports_view.py" line="414"/>
        <source>Tax</source>
        <translation>税额</translation>
    </message>
    <message>
        <location filename="../../ui/reports/reports_view.py" line="164"/>
        <source>Discounts</source>
        <translation>折扣</translation>
    </message>
    <message>
        <location filename="../../ui/reports/reports_view.py" line="165"/>
        <location filename="../../ui/reports/reports_view.py" line="190"/>
        <location filename="../../ui/reports/reports_view.py" line="413"/>
        <source>Net</source>
        <translation>净额</translation>
    </message>
    <message>
        <location filename="../../ui/reports/reports_view.py" line="166"/>
        <source>Gross</source>
        <translation>总额</translation>
    </message>
    <message>
        <location filename="../../ui/reports/reports_view.py" line="167"/>
        <source>Tender or hour</source>
        <translation>支付方式或时段</translation>
    </message>
    <message>
        <location filename="../../ui/reports/reports_view.py" line="167"/>
        <source>Approved</source>
        <translation>已批准</translation>
    </message>
    <message>
        <location filename="../../ui/reports/reports_view.py" line="168"/>
        <source>Declined or failed</source>
        <translation>被拒或失败</translation>
    </message>
    <message>
        <location filename="../../ui/reports/reports_view.py" line="169"/>
        <source>Open</source>
        <translation>未完成</translation>
    </message>
    <message>
        <location filename="../../ui/reports/reports_view.py" line="170"/>
        <source>Approval rate</source>
        <translation>批准率</translation>
    </message>
    <message>
        <location filename="../../ui/reports/reports_view.py" line="171"/>
        <source>Step</source>
        <translation>环节</translation>
    </message>
    <message>
        <location filename="../../ui/reports/reports_view.py" line="172"/>
        <source>Median</source>
        <translation>中位数</translation>
    </message>
    <message>
        <location filename="../../ui/reports/reports_view.py" line="173"/>
        <source>90th percentile</source>
        <translation>第 90 百分位</translation>
    </message>
    <message>
        <location filename="../../ui/reports/reports_view.py" line="175"/>
        <source>By day</source>
        <translation>按日</translation>
    </message>
    <message>
        <location filename="../../ui/reports/reports_view.py" line="175"/>
        <location filename="../../ui/reports/reports_view.py" line="379"/>
        <source>Sales by day</source>
        <translation>每日销售</translation>
    </message>
    <message>
        <location filename="../../ui/reports/reports_view.py" line="176"/>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../ui/reports/reports_view.py" line="177"/>
        <source>By hour</source>
        <translation>按小时</translation>
    </message>
    <message>
        <location filename="../../ui/reports/reports_view.py" line="177"/>
        <location filename="../../ui/reports/reports_view.py" line="382"/>
        <source>Sales by hour</source>
        <translation>每小时销售</translation>
    </message>
    <message>
        <location filename="../../ui/reports/reports_view.py" line="178"/>
        <source>Hour</source>
        <translation>时段</translation>
    </message>
    <message>
        <location filename="../../ui/reports/reports_view.py" line="179"/>
        <source>Products</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../../ui/reports/reports_view.py" line="179"/>
        <source>Sales by product</source>
        <translation>商品销售</translation>
    </message>
    <message>
        <location filename="../../ui/reports/reports_view.py" line="180"/>
        <source>SKU</source>
        <translation>货号</translation>
    </message>
    <message>
        <location filename="../../ui/reports/reports_view.py" line="180"/>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../../ui/reports/reports_view.py" line="181"/>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../ui/reports/reports_view.py" line="182"/>
        <source>Categories</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../ui/reports/reports_view.py" line="182"/>
        <location filename="../../ui/reports/reports_view.py" line="389"/>
        <source>Sales by category</source>
        <translation>类别销售</translation>
    </message>
    <message>
        <location filename="../../ui/reports/reports_view.py" line="183"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../ui/reports/reports_view.py" line="185"/>
        <source>Cashiers</source>
        <translation>收银员</translation>
    </message>
    <message>
        <location filename="../../ui/reports/reports_view.py" line="185"/>
        <location filename="../../ui/reports/reports_view.py" line="391"/>
        <source>Sales by cashier</source>
        <translation>收银员销售</translation>
    </message>
    <message>
        <location filename="../../ui/reports/reports_view.py" line="186"/>
        <source>Cashier</source>
        <translation>收银员</translation>
    </message>
    <message>
        <location filename="../../ui/reports/reports_view.py" line="187"/>
        <source>Tenders</source>
        <translation>支付方式</translation>
    </message>
    <message>
        <location filename="../../ui/reports/reports_view.py" line="187"/>
        <source>Sales by tender</source>
        <translation>按支付方式</translation>
    </message>
    <message>
        <location filename="../../ui/reports/reports_view.py" line="188"/>
        <source>Tender</source>
        <translation>支付方式</translation>
    </message>
    <message>
        <location filename="../../ui/reports/reports_view.py" line="188"/>
        <location filename="../../ui/reports/reports_view.py" line="198"/>
        <source>Payments</source>
        <translation>付款</translation>
    </message>
    <message>
        <location filename="../../ui/reports/reports_view.py" line="189"/>
        <source>Taken</source>
        <translation>收款</translation>
    </message>
    <message>
        <location filename="../../ui/reports/reports_view.py" line="189"/>
        <source>Refunded</source>
        <translation>已退款</translation>
    </message>
    <message>
        <location filename="../../ui/reports/reports_view.py" line="191"/>
        <source>Taxes</source>
        <translation>税费</translation>
    </message>
    <message>
        <location filename="../../ui/reports/reports_view.py" line="191"/>
        <source>Taxes per rate</source>
        <translation>各税率税额</translation>
    </message>
    <message>
        <location filename="../../ui/reports/reports_view.py" line="192"/>
        <source>Tax class</source>
        <translation>税类</translation>
    </message>
    <message>
        <location filename="../../ui/reports/reports_view.py" line="192"/>
        <source>Rate</source>
        <translation>税率</translation>
    </message>
    <message>
        <location filename="../../ui/reports/reports_view.py" line="194"/>
        <source>Refunds and voids</source>
        <translation>退款与作废</translation>
    </message>
    <message>
        <location filename="../../ui/reports/reports_view.py" line="195"/>
        <location filename="../../ui/reports/reports_view.py" line="400"/>
        <source>Refunds, voids and price overrides</source>
        <translation>退款、作废与改价</translation>
    </message>
    <message>
        <location filename="../../ui/reports/reports_view.py" line="196"/>
        <source>What</source>
        <translation>项目</translation>
    </message>
    <message>
        <location filename="../../ui/reports/reports_view.py" line="196"/>
        <source>Count</source>
        <translation>次数</translation>
    </message>
    <message>
        <location filename="../../ui/reports/reports_view.py" line="197"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../../ui/reports/reports_view.py" line="199"/>
        <source>Card approval rate</source>
        <translation>银行卡批准率</translation>
    </message>
    <message>
        <location filename="../../ui/reports/reports_view.py" line="200"/>
        <source>Time to pay</source>
        <translation>付款用时</translation>
    </message>
    <message>
        <location filename="../../ui/reports/reports_view.py" line="218"/>
        <source>Chart: {title}</source>
        <translation>图表：{title}</translation>
    </message>
    <message>
        <location filename="../../ui/reports/reports_view.py" line="235"/>
        <source>&amp;From:</source>
        <translation>从(&amp;F)：</translation>
    </message>
    <message>
        <location filename="../../ui/reports/reports_view.py" line="237"/>
        <source>&amp;To:</source>
        <translation>到(&amp;T)：</translation>
    </message>
    <message>
        <location filename="../../ui/reports/reports_view.py" line="242"/>
        <source>To&amp;day</source>
        <translation>今天(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/reports/reports_view.py" line="243"/>
        <source>This &amp;week</source>
        <translation>本周(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../ui/reports/reports_view.py" line="244"/>
        <source>This &amp;month</source>
        <translation>本月(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../ui/reports/reports_view.py" line="245"/>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/reports/reports_view.py" line="303"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location filename="../../ui/reports/reports_view.py" line="346"/>
        <source>No sales on these dates.</source>
        <translation>这些日期没有销售。</translation>
    </message>
    <message>
        <location filename="../../ui/reports/reports_view.py" line="348"/>
        <source>{orders} sales · {total} · tax {tax} · refunds {refunds}</source>
        <translation>{orders} 笔销售 · {total} · 税额 {tax} · 退款 {refunds}</translation>
    </message>
    <message>
        <location filename="../../ui/reports/reports_view.py" line="374"/>
        <source>Refunds</source>
        <translation>退款</translation>
    </message>
    <message>
        <location filename="../../ui/reports/reports_view.py" line="374"/>
        <source>Voids (cancelled orders)</source>
        <translation>作废（已取消订单）</translation>
    </message>
    <message>
        <location filename="../../ui/reports/reports_view.py" line="375"/>
        <source>Price overrides</source>
        <translation>改价</translation>
    </message>
    <message>
        <location filename="../../ui/reports/reports_view.py" line="386"/>
        <source>Top {count} products</source>
        <translation>销量前 {count} 的商品</translation>
    </message>
    <message>
        <location filename="../../ui/reports/reports_view.py" line="395"/>
        <source>Money taken by tender</source>
        <translation>各支付方式收款</translation>
    </message>
    <message>
        <location filename="../../ui/reports/reports_view.py" line="408"/>
        <source>Net and tax per rate</source>
        <translation>各税率净额与税额</translation>
    </message>
    <message>
        <location filename="../../ui/reports/reports_view.py" line="428"/>
        <source>Sale to payment</source>
        <translation>下单到付款</translation>
    </message>
    <message>
        <location filename="../../ui/reports/reports_view.py" line="429"/>
        <source>Payment to completion</source>
        <translation>付款到完成</translation>
    </message>
    <message>
        <location filename="../../ui/reports/reports_view.py" line="430"/>
        <source>Charge to approval: {method}</source>
        <translation>收款到批准：{method}</translation>
    </message>
    <message>
        <location filename="../../ui/reports/reports_view.py" line="442"/>
        <source>Card token</source>
        <translation>银行卡令牌</translation>
    </message>
    <message>
        <location filename="../../ui/reports/reports_view.py" line="442"/>
        <source>Card reader</source>
        <translation>读卡器</translation>
    </message>
    <message>
        <location filename="../../ui/reports/reports_view.py" line="443"/>
        <source>Alipay payment code</source>
        <translation>支付宝付款码</translation>
    </message>
    <message>
        <location filename="../../ui/reports/reports_view.py" line="444"/>
        <source>Alipay QR code</source>
        <translation>支付宝二维码</translation>
    </message>
    <message>
        <location filename="../../ui/reports/reports_view.py" line="445"/>
        <source>WeChat Pay payment code</source>
        <translation>微信支付付款码</translation>
    </message>
    <message>
        <location filename="../../ui/reports/reports_view.py" line="446"/>
        <source>WeChat Pay QR code</source>
        <translation>微信支付二维码</translation>
    </message>
    <message>
        <location filename="../../ui/reports/reports_view.py" line="449"/>
        <source>Card approval rate by hour</source>
        <translation>各时段银行卡批准率</translation>
    </message>
    <message>
        <location filename="../../ui/reports/reports_view.py" line="454"/>
        <source>Approved %</source>
        <translation>批准率 %</translation>
    </message>
</context>
<context>
    <name>ScreenChoice</name>
    <message>
        <location filename="../../ui/customer_display/screen_choice.py" line="19"/>
        <source>Off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../ui/customer_display/screen_choice.py" line="20"/>
        <source>On: the screen the register is not on</source>
        <translation>开启：收银界面以外的屏幕</translation>
    </message>
    <message>
        <location filename="../../ui/customer_display/screen_choice.py" line="25"/>
        <source>Screen {number}</source>
        <translation>屏幕 {number}</translation>
    </message>
    <message>
        <location filename="../../ui/customer_display/screen_choice.py" line="26"/>
        <source>{name} (not connected)</source>
        <translation>{name}（未连接）</translation>
    </message>
    <message>
        <location filename="../../ui/customer_display/screen_choice.py" line="35"/>
        <source>Screen {number}: {name} ({size})</source>
        <translation>屏幕 {number}：{name}（{size}）</translation>
    </message>
    <message>
        <location filename="../../ui/customer_display/screen_choice.py" line="37"/>
        <source>Screen {number} ({size})</source>
        <translation>屏幕 {number}（{size}）</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <location filename="../../ui/session.py" line="39"/>
        <source>Cashier</source>
        <translation>收银员</translation>
    </message>
</context>
<context>
    <name>SettingsView</name>
    <message>
        <location filename="../../ui/settings/settings_view.py" line="87"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_view.py" line="97"/>
        <source>Store name</source>
        <translation>门店名称</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_view.py" line="99"/>
        <source>Store address</source>
        <translation>门店地址</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_view.py" line="100"/>
        <source>Tax number</source>
        <translation>税号</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_view.py" line="102"/>
        <source>Terminal id</source>
        <translation>终端编号</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_view.py" line="104"/>
        <source>1 to 16 characters, like T1</source>
        <translation>1 至 16 个字符，如 T1</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_view.py" line="105"/>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_view.py" line="107"/>
        <source>Language and region</source>
        <translation>语言和地区</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_view.py" line="109"/>
        <source>Prices and tax</source>
        <translation>价格和税</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_view.py" line="110"/>
        <source>Prices include tax (VAT)</source>
        <translation>价格含税（增值税）</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_view.py" line="111"/>
        <source>Tax is added to prices (sales tax)</source>
        <translation>价格另加税（销售税）</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_view.py" line="113"/>
        <source>Tax rounding</source>
        <translation>税额舍入</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_view.py" line="114"/>
        <source>Round the tax of each line</source>
        <translation>按行舍入税额</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_view.py" line="116"/>
        <source>Round the tax once per order</source>
        <translation>按订单舍入税额</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_view.py" line="119"/>
        <source>Cash rounding step</source>
        <translation>现金抹零单位</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_view.py" line="121"/>
        <source>Receipt header</source>
        <translation>小票页眉</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_view.py" line="122"/>
        <source>Receipt footer</source>
        <translation>小票页脚</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_view.py" line="128"/>
        <source>Lock the till after this many idle minutes</source>
        <translation>空闲这么多分钟后锁定收银机</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_view.py" line="251"/>
        <source>Never</source>
        <translation>从不</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_view.py" line="129"/>
        <source>Stays on during a sale</source>
        <translation>销售期间保持亮屏</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_view.py" line="132"/>
        <source>Customer display</source>
        <translation>顾客显示屏</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_view.py" line="135"/>
        <source>Store</source>
        <translation>门店</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_view.py" line="136"/>
        <source>Store &amp;name</source>
        <translation>门店名称(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_view.py" line="137"/>
        <source>A&amp;ddress</source>
        <translation>地址(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_view.py" line="138"/>
        <source>Ta&amp;x number</source>
        <translation>税号(&amp;X)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_view.py" line="139"/>
        <source>&amp;Terminal id</source>
        <translation>终端编号(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_view.py" line="140"/>
        <source>Money and tax</source>
        <translation>金额和税</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_view.py" line="141"/>
        <source>&amp;Currency</source>
        <translation>币种(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_view.py" line="142"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_view.py" line="143"/>
        <source>&amp;Prices</source>
        <translation>价格(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_view.py" line="144"/>
        <source>Tax ro&amp;unding</source>
        <translation>税额舍入(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_view.py" line="145"/>
        <source>Ca&amp;sh rounding</source>
        <translation>现金抹零(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_view.py" line="146"/>
        <source>This till</source>
        <translation>本收银机</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_view.py" line="147"/>
        <source>Lock when &amp;idle</source>
        <translation>空闲时锁定(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_view.py" line="148"/>
        <source>Scr&amp;een</source>
        <translation>屏幕(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_view.py" line="149"/>
        <source>Customer displa&amp;y</source>
        <translation>顾客显示屏(&amp;Y)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_view.py" line="150"/>
        <source>Receipt</source>
        <translation>小票</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_view.py" line="151"/>
        <source>&amp;Header</source>
        <translation>页眉(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_view.py" line="151"/>
        <source>&amp;Footer</source>
        <translation>页脚(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_view.py" line="152"/>
        <source>Quick keys on the register</source>
        <translation>收银台快捷键</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_view.py" line="180"/>
        <source>&amp;Revert</source>
        <translation>还原(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_view.py" line="182"/>
        <source>Revert to the saved settings</source>
        <translation>还原为已保存的设置</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_view.py" line="184"/>
        <source>&amp;Save settings</source>
        <translation>保存设置(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_view.py" line="195"/>
        <source>Head office manages this till&apos;s settings: change them there. Changes made here stay on this till.</source>
        <translation>设置由总部管理：请在总部修改。在此所做的修改仅保留在本收银台。</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_view.py" line="229"/>
        <source>Off (for example {step})</source>
        <translation>关闭（例如 {step}）</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_view.py" line="250"/>
        <source>After {minutes} min</source>
        <translation>{minutes} 分钟后</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_view.py" line="273"/>
        <source>cash rounding step</source>
        <translation>现金抹零单位</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_view.py" line="321"/>
        <source>Nothing has changed.</source>
        <translation>没有任何更改。</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_view.py" line="326"/>
        <location filename="../../ui/settings/settings_view.py" line="330"/>
        <source>Nothing was saved.</source>
        <translation>未保存任何内容。</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_view.py" line="334"/>
        <source>{reason} Nothing was saved.</source>
        <translation>{reason} 未保存任何内容。</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_view.py" line="338"/>
        <source>Settings saved.</source>
        <translation>设置已保存。</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_view.py" line="72"/>
        <source>Change the currency?</source>
        <translation>更改币种？</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_view.py" line="73"/>
        <source>Change the store&apos;s currency from {old} to {new}?

Prices in the catalogue are not converted: a price of 1.00 {old} becomes 1.00 {new}. Check the prices afterwards.</source>
        <translation>将门店币种从 {old} 更改为 {new}？

商品目录中的价格不会换算：1.00 {old} 的价格将变为 1.00 {new}。更改后请检查价格。</translation>
    </message>
</context>
<context>
    <name>ShiftDialog</name>
    <message>
        <location filename="../../ui/shifts/shift_dialog.py" line="66"/>
        <source>Shift</source>
        <translation>班次</translation>
    </message>
    <message>
        <location filename="../../ui/shifts/shift_dialog.py" line="95"/>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../../ui/shifts/shift_dialog.py" line="135"/>
        <source>Cash counted into the drawer</source>
        <translation>放入钱箱的现金</translation>
    </message>
    <message>
        <location filename="../../ui/shifts/shift_dialog.py" line="136"/>
        <source>Opening float</source>
        <translation>备用金</translation>
    </message>
    <message>
        <location filename="../../ui/shifts/shift_dialog.py" line="137"/>
        <source>Open shift</source>
        <translation>开班</translation>
    </message>
    <message>
        <location filename="../../ui/shifts/shift_dialog.py" line="147"/>
        <source>Cash in</source>
        <translation>存入现金</translation>
    </message>
    <message>
        <location filename="../../ui/shifts/shift_dialog.py" line="148"/>
        <source>Cash out</source>
        <translation>取出现金</translation>
    </message>
    <message>
        <location filename="../../ui/shifts/shift_dialog.py" line="149"/>
        <source>Movement</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../ui/shifts/shift_dialog.py" line="152"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../../ui/shifts/shift_dialog.py" line="156"/>
        <source>Why, e.g. change from the bank</source>
        <translation>原因，例如从银行换来的零钱</translation>
    </message>
    <message>
        <location filename="../../ui/shifts/shift_dialog.py" line="157"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../ui/shifts/shift_dialog.py" line="158"/>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <location filename="../../ui/shifts/shift_dialog.py" line="182"/>
        <location filename="../../ui/shifts/shift_dialog.py" line="308"/>
        <source>X report</source>
        <translation>X 报表</translation>
    </message>
    <message>
        <location filename="../../ui/shifts/shift_dialog.py" line="183"/>
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <location filename="../../ui/shifts/shift_dialog.py" line="192"/>
        <source>Count the notes and coins in the drawer.</source>
        <translation>清点钱箱中的纸币和硬币。</translation>
    </message>
    <message>
        <location filename="../../ui/shifts/shift_dialog.py" line="207"/>
        <location filename="../../ui/shifts/shift_dialog.py" line="459"/>
        <source>Note: why the drawer is over or short</source>
        <translation>备注：钱箱长款或短款的原因</translation>
    </message>
    <message>
        <location filename="../../ui/shifts/shift_dialog.py" line="211"/>
        <source>Count entered</source>
        <translation>清点完毕</translation>
    </message>
    <message>
        <location filename="../../ui/shifts/shift_dialog.py" line="212"/>
        <source>Close shift</source>
        <translation>结班</translation>
    </message>
    <message>
        <location filename="../../ui/shifts/shift_dialog.py" line="225"/>
        <source>Only if a supervisor must approve</source>
        <translation>仅在需要主管批准时填写</translation>
    </message>
    <message>
        <location filename="../../ui/shifts/shift_dialog.py" line="229"/>
        <source>Approved by</source>
        <translation>批准人</translation>
    </message>
    <message>
        <location filename="../../ui/shifts/shift_dialog.py" line="230"/>
        <source>Their PIN or password</source>
        <translation>批准人的 PIN 或密码</translation>
    </message>
    <message>
        <location filename="../../ui/shifts/shift_dialog.py" line="297"/>
        <source>No shift is open on terminal {terminal}.</source>
        <translation>终端 {terminal} 没有进行中的班次。</translation>
    </message>
    <message>
        <location filename="../../ui/shifts/shift_dialog.py" line="299"/>
        <source>Open</source>
        <translation>开班</translation>
    </message>
    <message>
        <location filename="../../ui/shifts/shift_dialog.py" line="301"/>
        <source>Z report</source>
        <translation>Z 报表</translation>
    </message>
    <message>
        <location filename="../../ui/shifts/shift_dialog.py" line="305"/>
        <source>Shift {number} is open since {time}.</source>
        <translation>班次 {number} 自 {time} 起进行中。</translation>
    </message>
    <message>
        <location filename="../../ui/shifts/shift_dialog.py" line="307"/>
        <source>Cash in/out</source>
        <translation>存取现金</translation>
    </message>
    <message>
        <location filename="../../ui/shifts/shift_dialog.py" line="309"/>
        <source>Close</source>
        <translation>结班</translation>
    </message>
    <message>
        <location filename="../../ui/shifts/shift_dialog.py" line="375"/>
        <source>Shift {number} is open.</source>
        <translation>班次 {number} 已开始。</translation>
    </message>
    <message>
        <location filename="../../ui/shifts/shift_dialog.py" line="388"/>
        <source>Recorded.</source>
        <translation>已记录。</translation>
    </message>
    <message>
        <location filename="../../ui/shifts/shift_dialog.py" line="410"/>
        <source>The report was sent to the printer.</source>
        <translation>报表已发送到打印机。</translation>
    </message>
    <message>
        <location filename="../../ui/shifts/shift_dialog.py" line="419"/>
        <source>Counted: {amount}</source>
        <translation>实点：{amount}</translation>
    </message>
    <message>
        <location filename="../../ui/shifts/shift_dialog.py" line="434"/>
        <source>over by {amount}</source>
        <translation>长款 {amount}</translation>
    </message>
    <message>
        <location filename="../../ui/shifts/shift_dialog.py" line="436"/>
        <source>short by {amount}</source>
        <translation>短款 {amount}</translation>
    </message>
    <message>
        <location filename="../../ui/shifts/shift_dialog.py" line="438"/>
        <source>exact</source>
        <translation>正好相符</translation>
    </message>
    <message>
        <location filename="../../ui/shifts/shift_dialog.py" line="439"/>
        <source>Expected cash: {expected}; the drawer is {verdict}.</source>
        <translation>应有现金：{expected}；钱箱{verdict}。</translation>
    </message>
    <message>
        <location filename="../../ui/shifts/shift_dialog.py" line="445"/>
        <source>A note is required: why is the drawer over or short?</source>
        <translation>必须填写备注：钱箱为什么长款或短款？</translation>
    </message>
    <message>
        <location filename="../../ui/shifts/shift_dialog.py" line="465"/>
        <source>Shift closed: Z report {number}.</source>
        <translation>已结班：Z 报表 {number}。</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../ui/staff/sign_in.py" line="34"/>
        <location filename="../../ui/staff/sign_in.py" line="36"/>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../../ui/staff/sign_in.py" line="37"/>
        <source>Who is signing in</source>
        <translation>登录人</translation>
    </message>
    <message>
        <location filename="../../ui/staff/sign_in.py" line="39"/>
        <source>No one can sign in: this store has no staff who are enabled. A manager adds them with &quot;pos users add&quot;.</source>
        <translation>无人可以登录：本店没有已启用的员工。请经理使用“pos users add”添加员工。</translation>
    </message>
    <message>
        <location filename="../../ui/staff/sign_in.py" line="43"/>
        <source>The till is locked. Choose your name and enter your PIN or password to go on.</source>
        <translation>收银机已锁定。请选择您的姓名并输入 PIN 码或密码以继续。</translation>
    </message>
    <message>
        <location filename="../../ui/staff/sign_in.py" line="46"/>
        <source>Choose your name and enter your PIN or password.</source>
        <translation>请选择您的姓名并输入 PIN 码或密码。</translation>
    </message>
</context>
<context>
    <name>StaffPrompt</name>
    <message>
        <location filename="../../ui/staff/prompt.py" line="73"/>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <location filename="../../ui/staff/prompt.py" line="216"/>
        <location filename="../../ui/staff/prompt.py" line="218"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/staff/prompt.py" line="262"/>
        <source>Choose a name from the list first.</source>
        <translation>请先从列表中选择姓名。</translation>
    </message>
    <message>
        <location filename="../../ui/staff/prompt.py" line="266"/>
        <source>Checking…</source>
        <translation>正在核对…</translation>
    </message>
    <message>
        <location filename="../../ui/staff/prompt.py" line="289"/>
        <source>The PIN could not be checked. Try again.</source>
        <translation>无法核对 PIN，请再试一次。</translation>
    </message>
    <message>
        <location filename="../../ui/staff/prompt.py" line="342"/>
        <source>&amp;PIN (4 to 8 digits)</source>
        <translation>PIN 码（4 到 8 位数字）(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/staff/prompt.py" line="343"/>
        <source>PIN</source>
        <translation>PIN 码</translation>
    </message>
    <message>
        <location filename="../../ui/staff/prompt.py" line="345"/>
        <source>&amp;Password</source>
        <translation>密码(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/staff/prompt.py" line="346"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
</context>
<context>
    <name>SummaryPanel</name>
    <message>
        <location filename="../../ui/checkout/summary_panel.py" line="37"/>
        <location filename="../../ui/checkout/summary_panel.py" line="38"/>
        <source>Amount due</source>
        <translation>应付金额</translation>
    </message>
    <message>
        <location filename="../../ui/checkout/summary_panel.py" line="43"/>
        <source>1 item</source>
        <translation>1 件商品</translation>
    </message>
    <message>
        <location filename="../../ui/checkout/summary_panel.py" line="44"/>
        <source>{count} items</source>
        <translation>{count} 件商品</translation>
    </message>
    <message>
        <location filename="../../ui/checkout/summary_panel.py" line="45"/>
        <source>{items} · tax {tax}</source>
        <translation>{items} · 税 {tax}</translation>
    </message>
    <message>
        <location filename="../../ui/checkout/summary_panel.py" line="50"/>
        <location filename="../../ui/checkout/summary_panel.py" line="51"/>
        <source>Cash rounding</source>
        <translation>现金抹零</translation>
    </message>
    <message>
        <location filename="../../ui/checkout/summary_panel.py" line="52"/>
        <source>Paid</source>
        <translation>已付款</translation>
    </message>
    <message>
        <location filename="../../ui/checkout/summary_panel.py" line="53"/>
        <source>Paid so far</source>
        <translation>已付金额</translation>
    </message>
    <message>
        <location filename="../../ui/checkout/summary_panel.py" line="54"/>
        <location filename="../../ui/checkout/summary_panel.py" line="55"/>
        <source>Still due</source>
        <translation>待付金额</translation>
    </message>
    <message>
        <location filename="../../ui/checkout/summary_panel.py" line="78"/>
        <location filename="../../ui/checkout/summary_panel.py" line="79"/>
        <source>Change due</source>
        <translation>找零</translation>
    </message>
</context>
<context>
    <name>SyncService</name>
    <message>
        <location filename="../../ui/head_office.py" line="119"/>
        <source>This till stands alone: it is not enrolled at head office, so there is nothing to send.</source>
        <translation>本收银台独立运行：未在总部登记，没有需要发送的内容。</translation>
    </message>
    <message>
        <location filename="../../ui/head_office.py" line="197"/>
        <source>Head office is up to date: {records} records sent, {received} changes received.</source>
        <translation>总部已同步：已发送 {records} 条记录，已接收 {received} 项更改。</translation>
    </message>
    <message>
        <location filename="../../ui/head_office.py" line="201"/>
        <source>Head office is up to date: nothing was waiting.</source>
        <translation>总部已是最新：没有待发送的内容。</translation>
    </message>
    <message>
        <location filename="../../ui/head_office.py" line="209"/>
        <source>Head office could not be reached: {reason} The sales are kept on this till and sent at the next round.</source>
        <translation>无法连接总部：{reason} 销售记录保存在本收银台，将在下一轮同步时发送。</translation>
    </message>
    <message>
        <location filename="../../ui/head_office.py" line="216"/>
        <source>The sync with head office stopped on an unexpected error; it is in the log. The sales are kept on this till.</source>
        <translation>与总部的同步因意外错误而停止，详情见日志。销售记录保存在本收银台。</translation>
    </message>
    <message>
        <location filename="../../ui/head_office.py" line="251"/>
        <source>Sync now: {key}</source>
        <translation>立即同步：{key}</translation>
    </message>
    <message>
        <location filename="../../ui/head_office.py" line="253"/>
        <source>HQ: sync failed at {time}</source>
        <translation>总部：{time} 同步失败</translation>
    </message>
    <message>
        <location filename="../../ui/head_office.py" line="254"/>
        <source>The sync stopped on an unexpected error; it is in the log. The sales are kept on this till. {key}</source>
        <translation>同步因意外错误而停止，详情见日志。销售记录保存在本收银台。{key}</translation>
    </message>
    <message>
        <location filename="../../ui/head_office.py" line="257"/>
        <source>HQ: offline since {time}</source>
        <translation>总部：自 {time} 起离线</translation>
    </message>
    <message>
        <location filename="../../ui/head_office.py" line="259"/>
        <source>{reason} The sales are kept on this till and sent when head office answers. {key}</source>
        <translation>{reason} 销售记录保存在本收银台，总部恢复响应后发送。{key}</translation>
    </message>
    <message>
        <location filename="../../ui/head_office.py" line="262"/>
        <source>HQ: {count} waiting</source>
        <translation>总部：{count} 条待发送</translation>
    </message>
    <message>
        <location filename="../../ui/head_office.py" line="263"/>
        <source>Changes not yet at head office; they are sent in the background. {key}</source>
        <translation>尚未到达总部的更改，正在后台发送。{key}</translation>
    </message>
    <message>
        <location filename="../../ui/head_office.py" line="265"/>
        <source>HQ: up to date</source>
        <translation>总部：已是最新</translation>
    </message>
</context>
<context>
    <name>TaxClassesDialog</name>
    <message>
        <location filename="../../ui/products/tax_classes_dialog.py" line="50"/>
        <location filename="../../ui/products/tax_classes_dialog.py" line="56"/>
        <source>Tax classes</source>
        <translation>税类</translation>
    </message>
    <message>
        <location filename="../../ui/products/tax_classes_dialog.py" line="57"/>
        <location filename="../../ui/products/tax_classes_dialog.py" line="69"/>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <location filename="../../ui/products/tax_classes_dialog.py" line="57"/>
        <location filename="../../ui/products/tax_classes_dialog.py" line="71"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../ui/products/tax_classes_dialog.py" line="57"/>
        <source>Rate</source>
        <translation>税率</translation>
    </message>
    <message>
        <location filename="../../ui/products/tax_classes_dialog.py" line="70"/>
        <source>Short, like standard or food</source>
        <translation>简短名称，如 standard 或 food</translation>
    </message>
    <message>
        <location filename="../../ui/products/tax_classes_dialog.py" line="72"/>
        <source>Like VAT 19%, as on receipts</source>
        <translation>如 增值税 13%，与小票上一致</translation>
    </message>
    <message>
        <location filename="../../ui/products/tax_classes_dialog.py" line="73"/>
        <source>Rate in percent</source>
        <translation>税率（百分比）</translation>
    </message>
    <message>
        <location filename="../../ui/products/tax_classes_dialog.py" line="74"/>
        <source>Percent, like 19 or 8.875</source>
        <translation>百分比，如 13 或 8.875</translation>
    </message>
    <message>
        <location filename="../../ui/products/tax_classes_dialog.py" line="77"/>
        <source>&amp;New</source>
        <translation>新建(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/products/tax_classes_dialog.py" line="78"/>
        <source>New tax class</source>
        <translation>新建税类</translation>
    </message>
    <message>
        <location filename="../../ui/products/tax_classes_dialog.py" line="80"/>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/products/tax_classes_dialog.py" line="81"/>
        <source>Save tax class</source>
        <translation>保存税类</translation>
    </message>
    <message>
        <location filename="../../ui/products/tax_classes_dialog.py" line="83"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../ui/products/tax_classes_dialog.py" line="93"/>
        <source>C&amp;ode</source>
        <translation>代码(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../ui/products/tax_classes_dialog.py" line="94"/>
        <source>N&amp;ame</source>
        <translation>名称(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/products/tax_classes_dialog.py" line="95"/>
        <source>&amp;Rate (%)</source>
        <translation>税率 (%)(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/products/tax_classes_dialog.py" line="162"/>
        <source>There is already a tax class {code}; select it in the list to change it.</source>
        <translation>税类 {code} 已存在；如需修改，请在列表中选择。</translation>
    </message>
    <message>
        <location filename="../../ui/products/tax_classes_dialog.py" line="170"/>
        <source>Saved the tax class {code} at {rate}.</source>
        <translation>已保存税类 {code}，税率 {rate}。</translation>
    </message>
</context>
<context>
    <name>TotalsPanel</name>
    <message>
        <location filename="../../ui/register/totals_panel.py" line="28"/>
        <source>Totals</source>
        <translation>合计</translation>
    </message>
    <message>
        <location filename="../../ui/register/totals_panel.py" line="34"/>
        <location filename="../../ui/register/totals_panel.py" line="40"/>
        <source>Subtotal</source>
        <translation>小计</translation>
    </message>
    <message>
        <location filename="../../ui/register/totals_panel.py" line="35"/>
        <location filename="../../ui/register/totals_panel.py" line="41"/>
        <source>Discounts</source>
        <translation>折扣</translation>
    </message>
    <message>
        <location filename="../../ui/register/totals_panel.py" line="36"/>
        <location filename="../../ui/register/totals_panel.py" line="43"/>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <location filename="../../ui/register/totals_panel.py" line="37"/>
        <location filename="../../ui/register/totals_panel.py" line="45"/>
        <source>Cash, rounded</source>
        <translation>现金（抹零后）</translation>
    </message>
    <message>
        <location filename="../../ui/register/totals_panel.py" line="93"/>
        <source>incl. tax {percent} %</source>
        <translation>含税 {percent} %</translation>
    </message>
    <message>
        <location filename="../../ui/register/totals_panel.py" line="94"/>
        <source>Tax {percent} %</source>
        <translation>税 {percent} %</translation>
    </message>
</context>
<context>
    <name>WaitingNote</name>
    <message>
        <location filename="../../ui/register/waiting_note.py" line="49"/>
        <source>{count} scan(s) waiting: they go into the cart when the dialog closes.</source>
        <translation>{count} 个扫码在等待：对话框关闭后即加入购物车。</translation>
    </message>
</context>
<context>
    <name>WalletCodeDialog</name>
    <message>
        <location filename="../../ui/checkout/wallet_code_dialog.py" line="47"/>
        <source>Wallet payment code</source>
        <translation>钱包付款码</translation>
    </message>
    <message>
        <location filename="../../ui/checkout/wallet_code_dialog.py" line="52"/>
        <source>Amount to charge</source>
        <translation>收款金额</translation>
    </message>
    <message>
        <location filename="../../ui/checkout/wallet_code_dialog.py" line="53"/>
        <source>Scan or type the payment code on the customer&apos;s phone (Alipay or WeChat Pay).</source>
        <translation>扫描或输入顾客手机上的付款码（支付宝或微信支付）。</translation>
    </message>
    <message>
        <location filename="../../ui/checkout/wallet_code_dialog.py" line="58"/>
        <source>Payment code</source>
        <translation>付款码</translation>
    </message>
    <message>
        <location filename="../../ui/checkout/wallet_code_dialog.py" line="69"/>
        <source>Charge  (Enter)</source>
        <translation>收款  (Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/checkout/wallet_code_dialog.py" line="73"/>
        <source>Cancel  (Esc)</source>
        <translation>取消  (Esc)</translation>
    </message>
    <message>
        <location filename="../../ui/checkout/wallet_code_dialog.py" line="91"/>
        <source>Sandbox test codes (no real money moves):</source>
        <translation>沙盒测试付款码（不涉及真实资金）：</translation>
    </message>
    <message>
        <location filename="../../ui/checkout/wallet_code_dialog.py" line="118"/>
        <source>This is not a wallet payment code. Alipay codes have 16 to 24 digits and start with 25 to 30; WeChat Pay codes have 18 digits and start with 10 to 15.</source>
        <translation>这不是钱包付款码。支付宝付款码为 16 至 24 位数字，以 25 至 30 开头；微信支付付款码为 18 位数字，以 10 至 15 开头。</translation>
    </message>
</context>
<context>
    <name>WeightDialog</name>
    <message>
        <location filename="../../ui/register/weight_dialog.py" line="15"/>
        <source>Weight</source>
        <translation>重量</translation>
    </message>
    <message>
        <location filename="../../ui/register/weight_dialog.py" line="17"/>
        <source>{name} ({price}/kg): type the weight in kilograms.</source>
        <translation>{name}（{price}/kg）：请输入重量（千克）。</translation>
    </message>
    <message>
        <location filename="../../ui/register/weight_dialog.py" line="22"/>
        <source>Weight in kilograms</source>
        <translation>重量（千克）</translation>
    </message>
    <message>
        <location filename="../../ui/register/weight_dialog.py" line="23"/>
        <source>e.g. 0.25</source>
        <translation>例如 0.25</translation>
    </message>
</context>
</TS>
