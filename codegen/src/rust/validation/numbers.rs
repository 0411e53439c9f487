//! Numeric constraints (`range`, `multipleOf`) as Rust conditions over a number of a given Rust
//! type. Bounds stay decimal literals until here: integers get the exact integer bound (a bound
//! of 2.5 on an integer means 3), floats compare in their own type (so an `f32` of 8.8 meets a
//! maximum of 8.8), and big numbers compare exactly as decimal text at run time.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::model::{Bound, RangeBounds, Scalar};

/// How a Rust number type is compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Numeric {
    /// A primitive integer with these limits.
    Integer {
        /// The type's minimum.
        min: i128,
        /// The type's maximum.
        max: i128,
    },
    /// `f32`.
    Float32,
    /// `f64`.
    Float64,
    /// `BigInteger` / `BigDecimal`: decimal text.
    Big,
}

impl Numeric {
    /// The comparison kind of a scalar, or `None` for non-numbers.
    pub fn of_scalar(scalar: Scalar) -> Option<Numeric> {
        let integer = |min: i128, max: i128| Some(Numeric::Integer { min, max });
        match scalar {
            Scalar::Byte => integer(i8::MIN.into(), i8::MAX.into()),
            Scalar::Short => integer(i16::MIN.into(), i16::MAX.into()),
            Scalar::Integer => integer(i32::MIN.into(), i32::MAX.into()),
            Scalar::Long => integer(i64::MIN.into(), i64::MAX.into()),
            Scalar::Float => Some(Numeric::Float32),
            Scalar::Double => Some(Numeric::Float64),
            Scalar::BigInteger | Scalar::BigDecimal => Some(Numeric::Big),
            _ => None,
        }
    }

    /// The comparison kind of an intEnum's value (`i32`, or `i64` when a value needs it).
    pub fn of_int_enum(wide: bool) -> Numeric {
        if wide {
            Numeric::of_scalar(Scalar::Long)
        } else {
            Numeric::of_scalar(Scalar::Integer)
        }
        .unwrap_or(Numeric::Big)
    }
}

/// A number in generated code, both as a value (`*value`) and as a reference (`value`).
#[derive(Debug, Clone)]
pub struct NumberExpr {
    /// An expression of the number's type.
    pub by_value: TokenStream,
    /// An expression of a reference to it.
    pub by_ref: TokenStream,
}

/// The condition under which the number breaks `range`, or `None` when the range cannot be
/// broken by a value of this type. Not for [`Numeric::Big`] (see the runtime's
/// `check_decimal_range`).
pub fn range_violated(
    numeric: Numeric,
    number: &NumberExpr,
    range: &RangeBounds,
) -> Option<TokenStream> {
    match numeric {
        Numeric::Integer { min, max } => integer_range_violated(min, max, number, range),
        Numeric::Float32 => float_range_violated(true, number, range),
        Numeric::Float64 => float_range_violated(false, number, range),
        Numeric::Big => None,
    }
}

fn integer_range_violated(
    type_min: i128,
    type_max: i128,
    number: &NumberExpr,
    range: &RangeBounds,
) -> Option<TokenStream> {
    let lower = range.min.as_ref().and_then(|b| integer_bound(b, true));
    let upper = range.max.as_ref().and_then(|b| integer_bound(b, false));
    let lower = lower.filter(|&lo| lo > type_min);
    let upper = upper.filter(|&hi| hi < type_max);
    if lower.is_none() && upper.is_none() {
        return None;
    }
    let in_type = |n: i128| n >= type_min && n <= type_max;
    let widen = !lower.map_or(true, in_type) || !upper.map_or(true, in_type);
    let (by_value, by_ref) = if widen {
        let value = &number.by_value;
        (quote!(i128::from(#value)), quote!(&i128::from(#value)))
    } else {
        (number.by_value.clone(), number.by_ref.clone())
    };
    let literal = Literal::i128_unsuffixed;
    Some(match (lower, upper) {
        (Some(lo), Some(hi)) if lo <= hi => {
            let (lo, hi) = (literal(lo), literal(hi));
            quote!(!(#lo..=#hi).contains(#by_ref))
        }
        (Some(lo), Some(hi)) => {
            let (lo, hi) = (literal(lo), literal(hi));
            quote!(#by_value < #lo || #by_value > #hi)
        }
        (Some(lo), None) => {
            let lo = literal(lo);
            quote!(#by_value < #lo)
        }
        (None, Some(hi)) => {
            let hi = literal(hi);
            quote!(#by_value > #hi)
        }
        (None, None) => return None,
    })
}

/// The inclusive integer form of a bound: `None` when it allows every integer.
fn integer_bound(bound: &Bound, is_min: bool) -> Option<i128> {
    let decimal = Decimal::parse(&bound.value)?;
    let exact = match (is_min, bound.exclusive) {
        (true, false) => decimal.ceil(),
        (true, true) => decimal.floor().and_then(|n| n.checked_add(1)),
        (false, false) => decimal.floor(),
        (false, true) => decimal.ceil().and_then(|n| n.checked_sub(1)),
    };
    match exact {
        Some(n) => Some(n),
        // Beyond i128: a minimum far below (or a maximum far above) allows everything; the
        // other way round nothing fits, which the extreme i128 expresses.
        None if decimal.negative == is_min => None,
        None if is_min => Some(i128::MAX),
        None => Some(i128::MIN),
    }
}

fn float_range_violated(
    is_f32: bool,
    number: &NumberExpr,
    range: &RangeBounds,
) -> Option<TokenStream> {
    let fits_f32 = |b: &Bound| b.as_f64().is_nan() || (b.as_f64() as f32).is_finite();
    let widen = is_f32 && !range.min.iter().chain(&range.max).all(fits_f32);
    let original = &number.by_ref;
    let is_nan = quote!(#original.is_nan());
    let (by_value, by_ref) = if widen {
        let value = &number.by_value;
        (quote!(f64::from(#value)), quote!(&f64::from(#value)))
    } else {
        (number.by_value.clone(), number.by_ref.clone())
    };
    let literal = |b: &Bound| float_literal(b.as_f64());
    let lower = range
        .min
        .as_ref()
        .filter(|b| b.as_f64() != f64::NEG_INFINITY && !b.as_f64().is_nan());
    let upper = range
        .max
        .as_ref()
        .filter(|b| b.as_f64() != f64::INFINITY && !b.as_f64().is_nan());
    Some(match (lower, upper) {
        (None, None) => return None,
        (Some(lo), Some(hi)) if !lo.exclusive => {
            let (lo_lit, hi_lit) = (literal(lo), literal(hi));
            if hi.exclusive {
                quote!(!(#lo_lit..#hi_lit).contains(#by_ref))
            } else {
                quote!(!(#lo_lit..=#hi_lit).contains(#by_ref))
            }
        }
        (Some(lo), Some(hi)) => {
            let (lo_lit, hi_lit) = (literal(lo), literal(hi));
            if hi.exclusive {
                quote!(#by_value <= #lo_lit || !(..#hi_lit).contains(#by_ref))
            } else {
                quote!(#by_value <= #lo_lit || !(..=#hi_lit).contains(#by_ref))
            }
        }
        (Some(lo), None) => {
            let lo_lit = literal(lo);
            if lo.exclusive {
                quote!(#by_value <= #lo_lit || #is_nan)
            } else {
                quote!(!(#lo_lit..).contains(#by_ref))
            }
        }
        (None, Some(hi)) => {
            let hi_lit = literal(hi);
            if hi.exclusive {
                quote!(!(..#hi_lit).contains(#by_ref))
            } else {
                quote!(!(..=#hi_lit).contains(#by_ref))
            }
        }
    })
}

/// A float literal without suffix (its type comes from the compared value); infinities as
/// `f64` constants.
fn float_literal(value: f64) -> TokenStream {
    if value == f64::INFINITY {
        quote!(f64::INFINITY)
    } else if value == f64::NEG_INFINITY {
        quote!(f64::NEG_INFINITY)
    } else {
        let literal = Literal::f64_unsuffixed(value);
        quote!(#literal)
    }
}

/// The condition under which the number is not a multiple of `divisor` (a positive decimal
/// literal), or `None` when every value of the type is one (or the divisor is unusable).
pub fn multiple_violated(
    numeric: Numeric,
    number: &NumberExpr,
    divisor: &str,
) -> Option<TokenStream> {
    let decimal = Decimal::parse(divisor)?;
    if decimal.negative || decimal.digits.is_empty() {
        return None;
    }
    let value = &number.by_value;
    let as_float = |value: &TokenStream| match numeric {
        Numeric::Float32 => quote!(f64::from(#value)),
        Numeric::Float64 => quote!(#value),
        _ => quote!((#value as f64)),
    };
    match numeric {
        Numeric::Integer { max, .. } if decimal.is_integer() => {
            let exact = decimal.floor()?;
            if exact == 1 {
                None
            } else if exact > max {
                Some(quote!(#value != 0))
            } else {
                let literal = Literal::i128_unsuffixed(exact);
                Some(quote!(#value % #literal != 0))
            }
        }
        Numeric::Big => {
            let literal = float_literal(divisor.parse().ok()?);
            Some(
                quote!(!#value.as_str().parse::<f64>().is_ok_and(|number| is_multiple_of(number, #literal))),
            )
        }
        _ => {
            let literal = float_literal(divisor.parse().ok()?);
            let float = as_float(value);
            Some(quote!(!is_multiple_of(#float, #literal)))
        }
    }
}

/// A decimal literal, parsed exactly: `0.<digits> × 10^point`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Decimal {
    negative: bool,
    /// Without leading or trailing zeros; empty for zero.
    digits: Vec<u8>,
    point: i64,
}

impl Decimal {
    fn parse(text: &str) -> Option<Decimal> {
        let text = text.trim();
        let (negative, text) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text.strip_prefix('+').unwrap_or(text)),
        };
        let (mantissa, exponent) = match text.find(['e', 'E']) {
            Some(at) => (&text[..at], text[at + 1..].parse::<i64>().ok()?),
            None => (text, 0),
        };
        let (integer, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        if integer.is_empty() && fraction.is_empty() {
            return None;
        }
        let all: Vec<u8> = integer.bytes().chain(fraction.bytes()).collect();
        if !all.iter().all(u8::is_ascii_digit) {
            return None;
        }
        let leading = all.iter().take_while(|&&d| d == b'0').count();
        let mut digits: Vec<u8> = all[leading..].iter().map(|d| d - b'0').collect();
        while digits.last() == Some(&0) {
            digits.pop();
        }
        let point = (integer.len() as i64 - leading as i64).saturating_add(exponent);
        Some(Decimal {
            negative: negative && !digits.is_empty(),
            digits,
            point,
        })
    }

    fn is_integer(&self) -> bool {
        self.digits.len() as i64 <= self.point.max(0) || self.digits.is_empty()
    }

    /// The integer part's magnitude and whether a fraction remains; `None` beyond `i128`.
    fn truncated(&self) -> Option<(i128, bool)> {
        if self.digits.is_empty() || self.point <= 0 {
            return Some((0, !self.digits.is_empty()));
        }
        if self.point > 39 {
            return None;
        }
        let mut magnitude: i128 = 0;
        for position in 0..self.point as usize {
            let digit = self.digits.get(position).copied().unwrap_or(0);
            magnitude = magnitude.checked_mul(10)?.checked_add(i128::from(digit))?;
        }
        Some((magnitude, self.digits.len() > self.point as usize))
    }

    /// The largest integer not above the number.
    fn floor(&self) -> Option<i128> {
        let (magnitude, fraction) = self.truncated()?;
        if self.negative {
            magnitude.checked_add(i128::from(fraction)).map(|m| -m)
        } else {
            Some(magnitude)
        }
    }

    /// The smallest integer not below the number.
    fn ceil(&self) -> Option<i128> {
        let (magnitude, fraction) = self.truncated()?;
        if self.negative {
            Some(-magnitude)
        } else {
            magnitude.checked_add(i128::from(fraction))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn range(min: Option<(&str, bool)>, max: Option<(&str, bool)>) -> RangeBounds {
        let bound = |(value, exclusive): (&str, bool)| Bound {
            value: value.to_string(),
            exclusive,
        };
        RangeBounds {
            min: min.map(bound),
            max: max.map(bound),
        }
    }

    fn plain() -> NumberExpr {
        NumberExpr {
            by_value: quote!(*value),
            by_ref: quote!(value),
        }
    }

    fn i8_kind() -> Numeric {
        Numeric::of_scalar(Scalar::Byte).unwrap()
    }

    #[test]
    fn decimals_round_to_the_integers_they_allow() {
        let d = |text: &str| Decimal::parse(text).unwrap();
        assert_eq!(d("2.5").ceil(), Some(3));
        assert_eq!(d("2.5").floor(), Some(2));
        assert_eq!(d("-2.5").floor(), Some(-3));
        assert_eq!(d("-2.5").ceil(), Some(-2));
        assert_eq!(d("1e3").floor(), Some(1000));
        assert_eq!(d("0.001").ceil(), Some(1));
        assert_eq!(d("-0").floor(), Some(0));
        assert!(d("1e3").is_integer());
        assert!(!d("12.5").is_integer());
        assert_eq!(d("1e40").floor(), None);
        assert!(Decimal::parse("abc").is_none());
    }

    #[test]
    fn integer_ranges_use_the_type_and_drop_bounds_it_cannot_break() {
        let both = range(Some(("2", false)), Some(("8", false)));
        let code = range_violated(i8_kind(), &plain(), &both)
            .unwrap()
            .to_string();
        assert_eq!(code, "! (2 ..= 8) . contains (value)");
        let vacuous = range(Some(("-1000", false)), Some(("1000", false)));
        assert!(range_violated(i8_kind(), &plain(), &vacuous).is_none());
        let exclusive = range(Some(("2.5", true)), None);
        let code = range_violated(i8_kind(), &plain(), &exclusive)
            .unwrap()
            .to_string();
        assert_eq!(code, "* value < 3");
        let beyond = range(Some(("1000", false)), None);
        let code = range_violated(i8_kind(), &plain(), &beyond)
            .unwrap()
            .to_string();
        assert!(code.contains("i128 :: from"), "{code}");
    }

    #[test]
    fn float_ranges_compare_in_the_value_type() {
        let both = range(Some(("2.2", false)), Some(("8.8", false)));
        let code = range_violated(Numeric::Float32, &plain(), &both)
            .unwrap()
            .to_string();
        assert_eq!(code, "! (2.2 ..= 8.8) . contains (value)");
        let open = range(Some(("0", true)), None);
        let code = range_violated(Numeric::Float64, &plain(), &open)
            .unwrap()
            .to_string();
        assert!(code.contains("is_nan"), "{code}");
        let huge = range(None, Some(("1e39", false)));
        let code = range_violated(Numeric::Float32, &plain(), &huge)
            .unwrap()
            .to_string();
        assert!(code.contains("f64 :: from"), "{code}");
    }

    #[test]
    fn multiples_of_one_are_not_checked_on_integers() {
        assert!(multiple_violated(i8_kind(), &plain(), "1").is_none());
        let code = multiple_violated(i8_kind(), &plain(), "3")
            .unwrap()
            .to_string();
        assert_eq!(code, "* value % 3 != 0");
        let code = multiple_violated(Numeric::Float64, &plain(), "0.5")
            .unwrap()
            .to_string();
        assert!(code.contains("is_multiple_of"), "{code}");
    }
}
