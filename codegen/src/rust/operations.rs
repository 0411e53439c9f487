//! The `operations` emitter: one unit struct per operation.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::doc_attrs;
use super::typespace::TypeSpace;

/// The items of the `operations` module.
pub fn emit(space: &TypeSpace<'_>) -> TokenStream {
    let items = space.model.operations.values().map(|operation| {
        let name = space.names.operation_ident(&operation.id);
        let fallback = format!("The `{}` operation.", operation.id.name());
        let docs = doc_attrs(Some(operation.docs.as_deref().unwrap_or(&fallback)));
        quote! {
            #docs
            #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
            pub struct #name;
        }
    });
    quote! {
        #![doc = " Operations: one unit struct per operation."]
        #(#items)*
    }
}
