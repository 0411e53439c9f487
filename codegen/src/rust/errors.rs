//! The `errors` emitter: one struct per `@error` structure.

use proc_macro2::TokenStream;
use quote::quote;

use super::types::emit_structure;
use super::typespace::{Module, TypeSpace};

/// The items of the `errors` module.
pub fn emit(space: &TypeSpace<'_>) -> TokenStream {
    let items = space
        .shapes_in(Module::Errors)
        .map(|shape| emit_structure(space, shape, Module::Errors));
    quote! {
        #![doc = " Modelled errors: one struct per error shape."]
        #(#items)*
    }
}
