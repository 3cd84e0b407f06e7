//! Enums whose values are fixed words in files and on the command line
//! (`type: cap`, `level = "B1"`, `--audience team`).

/// Declares an enum with the word of each variant beside it, once. Parsing,
/// printing, the list of words for "did you mean" hints, serde and clap all
/// follow from that one list, so they cannot drift apart. The variants are
/// ordered as listed (`Ord`).
macro_rules! keyword_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$variant_meta:meta])* $variant:ident = $word:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        $vis enum $name {
            $( $(#[$variant_meta])* $variant, )+
        }

        impl $name {
            /// Every variant, in order.
            $vis const ALL: [$name; [$($word),+].len()] = [$($name::$variant),+];
            /// The word of every variant, in order.
            $vis const NAMES: [&'static str; [$($word),+].len()] = [$($word),+];

            /// The word as written in files and on the command line.
            $vis fn as_str(self) -> &'static str {
                match self {
                    $( $name::$variant => $word, )+
                }
            }

            /// The variant written as `word` (exactly; no other spelling).
            $vis fn parse(word: &str) -> Option<$name> {
                match word {
                    $( $word => Some($name::$variant), )+
                    _ => None,
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl clap::ValueEnum for $name {
            fn value_variants<'a>() -> &'a [Self] {
                &Self::ALL
            }

            fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
                Some(clap::builder::PossibleValue::new(self.as_str()))
            }
        }
    };
}

pub(crate) use keyword_enum;

#[cfg(test)]
mod tests {
    keyword_enum! {
        enum Sample {
            First = "first",
            Second = "second",
        }
    }

    #[test]
    fn words_round_trip_in_order() {
        assert_eq!(Sample::NAMES, ["first", "second"]);
        for (variant, word) in Sample::ALL.into_iter().zip(Sample::NAMES) {
            assert_eq!(variant.as_str(), word);
            assert_eq!(Sample::parse(word), Some(variant));
            assert_eq!(variant.to_string(), word);
        }
        assert_eq!(Sample::parse("First"), None);
        assert!(Sample::First < Sample::Second);
        assert_eq!(
            serde_json::to_string(&Sample::Second).unwrap(),
            "\"second\""
        );
        let possible: Vec<_> = <Sample as clap::ValueEnum>::value_variants()
            .iter()
            .filter_map(clap::ValueEnum::to_possible_value)
            .map(|v| v.get_name().to_string())
            .collect();
        assert_eq!(possible, Sample::NAMES);
    }
}
