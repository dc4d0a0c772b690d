-- Wallet payments (issue 16): a till's gateway payment may be a wallet's (Alipay, WeChat
-- Pay) rather than a card's; it carries which wallet and the buyer's account as the
-- gateway masked it. Tills that predate this send neither: both stay NULL.

ALTER TABLE sale_payment ADD COLUMN wallet TEXT;

ALTER TABLE sale_payment ADD COLUMN buyer TEXT;
