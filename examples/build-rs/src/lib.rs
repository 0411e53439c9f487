//! The `build.rs` route: types generated at build time from a schema, included from `OUT_DIR`.
//! The committed `generated/` crate is the other route (`cargo xtask codegen`).

/// Amazon Cognito's `ResendConfirmationCode` request, response and errors.
pub mod cognito {
    include!(concat!(env!("OUT_DIR"), "/cognito.rs"));
}

#[cfg(test)]
mod tests {
    use super::cognito::types::{DeliveryMediumType, ResendConfirmationCodeRequest};

    #[test]
    fn generated_types_are_usable() {
        let request = ResendConfirmationCodeRequest::new("client".into(), "alice".into());
        let json = serde_json::to_string(&request).unwrap();
        assert_eq!(json, r#"{"ClientId":"client","Username":"alice"}"#);
        assert_eq!(DeliveryMediumType::from("SMS"), DeliveryMediumType::Sms);
    }
}
