-- Wallet payments through the gateway (issue 16): which wallet took the money and the
-- buyer's account as the gateway masked it ("138****5678"), on the payment and on the
-- attempt that made it. A wallet payment is a gateway payment (tender "card", so refunds
-- and voids go through the gateway unchanged) with `wallet` set. The customer's payment
-- code is never stored anywhere: the attempt's card_token says only "wallet:alipay".

ALTER TABLE "payment" ADD COLUMN "wallet" TEXT;

ALTER TABLE "payment" ADD COLUMN "buyer" TEXT;

ALTER TABLE "payment_attempt" ADD COLUMN "wallet" TEXT;

ALTER TABLE "payment_attempt" ADD COLUMN "buyer" TEXT;
