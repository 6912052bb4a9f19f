//! Payment providers. An order is paid through the site's provider; the dev provider (dev mode
//! only) confirms at once and says so to the payer. A production provider (WeChat Pay, Alipay,
//! a bank gateway) implements [`PaymentProvider`] and answers `awaiting_payer` with a URL, then
//! confirms through its notification; none is configured yet, so production refuses to take
//! payments rather than pretend.

use std::future::Future;
use std::pin::Pin;

use shared_types::commerce::PaymentState;
use uuid::Uuid;

use crate::error::Text;

/// What a provider is asked to collect.
pub struct PaymentRequest<'a> {
    pub order_id: Uuid,
    pub order_no: &'a str,
    pub amount_cents: i64,
}

/// The provider's first answer.
pub struct PaymentStart {
    pub state: PaymentState,
    /// The provider's reference of the payment.
    pub reference: String,
    pub pay_url: Option<String>,
}

pub type StartFuture<'a> = Pin<Box<dyn Future<Output = anyhow::Result<PaymentStart>> + Send + 'a>>;

pub trait PaymentProvider: Send + Sync {
    /// Stored on the order (`payment_provider`).
    fn name(&self) -> &'static str;
    /// Shown to the payer.
    fn label(&self) -> Text;
    fn start<'a>(&'a self, request: &'a PaymentRequest<'a>) -> StartFuture<'a>;
}

/// Dev mode: every payment succeeds at once. Never used outside dev mode.
pub struct DevPayments;

impl PaymentProvider for DevPayments {
    fn name(&self) -> &'static str {
        "dev"
    }

    fn label(&self) -> Text {
        Text::new(
            "开发环境模拟支付：未发生真实扣款",
            "Development payment simulation: no real money was charged",
        )
    }

    fn start<'a>(&'a self, request: &'a PaymentRequest<'a>) -> StartFuture<'a> {
        Box::pin(async move {
            Ok(PaymentStart {
                state: PaymentState::Confirmed,
                reference: format!("dev-{}", request.order_no),
                pay_url: None,
            })
        })
    }
}
