//! Credentials for a triple store's Graph Store endpoint, and the `Authorization` header they
//! make: HTTP Basic, or Digest (as Virtuoso asks for) answered from the server's challenge.

use base64::Engine;

/// How to prove who we are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthScheme {
    /// Whatever the server's challenge (`WWW-Authenticate`) asks for, Basic or Digest.
    Auto,
    /// Basic, sent with every request without waiting for a challenge.
    Basic,
    /// Digest, in answer to the server's challenge.
    Digest,
}

/// A user name and password, and the scheme to use them with.
#[derive(Clone)]
pub struct Credentials {
    pub user: String,
    pub password: String,
    pub scheme: AuthScheme,
}

impl std::fmt::Debug for Credentials {
    /// Never prints the password.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credentials")
            .field("user", &self.user)
            .field("scheme", &self.scheme)
            .finish_non_exhaustive()
    }
}

/// What a server asked for in its `WWW-Authenticate` header, kept to answer later requests
/// without asking again (a Digest challenge counts its uses, as RFC 7616 wants).
pub enum Challenge {
    Basic,
    Digest(Box<digest_auth::WwwAuthenticateHeader>),
}

impl Challenge {
    /// Reads a `WWW-Authenticate` header.
    pub fn parse(header: &str) -> Result<Self, String> {
        let scheme = header
            .split_whitespace()
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        match scheme.as_str() {
            "basic" => Ok(Self::Basic),
            "digest" => digest_auth::parse(header)
                .map(|prompt| Self::Digest(Box::new(prompt)))
                .map_err(|error| format!("cannot read the Digest challenge `{header}`: {error}")),
            other => Err(format!(
                "the server asks for `{other}` authentication, which is neither Basic nor Digest"
            )),
        }
    }
}

impl Credentials {
    /// The header to send before any challenge: Basic's, when Basic was asked for.
    pub(crate) fn unprompted(&self) -> Option<String> {
        (self.scheme == AuthScheme::Basic).then(|| self.basic())
    }

    /// The header that answers `challenge` for `method` on `uri` (the path and query of the
    /// request), or why it cannot be answered.
    pub fn answer(
        &self,
        challenge: &mut Challenge,
        method: &str,
        uri: &str,
    ) -> Result<String, String> {
        match (challenge, self.scheme) {
            (Challenge::Digest(prompt), AuthScheme::Auto | AuthScheme::Digest) => {
                let context = digest_auth::AuthContext::new_with_method(
                    self.user.as_str(),
                    self.password.as_str(),
                    uri,
                    Option::<&[u8]>::None,
                    digest_auth::HttpMethod::from(method),
                );
                prompt
                    .respond(&context)
                    .map(|header| header.to_header_string())
                    .map_err(|error| format!("cannot answer the Digest challenge: {error}"))
            }
            (Challenge::Basic, AuthScheme::Auto | AuthScheme::Basic) => Ok(self.basic()),
            (Challenge::Digest(_), asked) => Err(format!(
                "the server asks for Digest authentication, and --auth is {asked:?}"
            )),
            (Challenge::Basic, asked) => Err(format!(
                "the server asks for Basic authentication, and --auth is {asked:?}"
            )),
        }
    }

    fn basic(&self) -> String {
        let pair = format!("{}:{}", self.user, self.password);
        format!(
            "Basic {}",
            base64::engine::general_purpose::STANDARD.encode(pair)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn credentials(scheme: AuthScheme) -> Credentials {
        Credentials {
            user: "Mufasa".into(),
            password: "Circle Of Life".into(),
            scheme,
        }
    }

    #[test]
    fn basic_is_the_user_and_password_in_base64() {
        // RFC 7617's example: Aladdin / open sesame.
        let aladdin = Credentials {
            user: "Aladdin".into(),
            password: "open sesame".into(),
            scheme: AuthScheme::Basic,
        };
        assert_eq!(
            aladdin.unprompted().as_deref(),
            Some("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==")
        );
        assert_eq!(credentials(AuthScheme::Auto).unprompted(), None);
    }

    #[test]
    fn digest_answers_the_challenge_with_the_rfc_2617_response() {
        let challenge = r#"Digest realm="testrealm@host.com", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", opaque="5ccc069c403ebaf9f0171e9517f40e41""#;
        // Without qop, the response is MD5(MD5(user:realm:password):nonce:MD5(method:uri))
        // (RFC 2617, 3.2.2.1); the value was computed apart, with Python's hashlib.
        let mut challenge = Challenge::parse(challenge).unwrap();
        let header = credentials(AuthScheme::Auto)
            .answer(&mut challenge, "GET", "/dir/index.html")
            .unwrap();
        assert!(header.starts_with("Digest "), "{header}");
        assert!(header.contains(r#"username="Mufasa""#), "{header}");
        assert!(header.contains(r#"uri="/dir/index.html""#), "{header}");
        assert!(
            header.contains(r#"response="670fd8c2df070c60b045671b8b24ff02""#),
            "{header}"
        );
    }

    #[test]
    fn a_scheme_other_than_the_one_asked_for_is_refused() {
        let mut challenge = Challenge::parse(r#"Digest realm="r", nonce="n""#).unwrap();
        let error = credentials(AuthScheme::Basic)
            .answer(&mut challenge, "PUT", "/")
            .unwrap_err();
        assert!(
            error.contains("asks for Digest authentication, and --auth is Basic"),
            "{error}"
        );
        assert!(Challenge::parse("Bearer realm=\"r\"").is_err());
    }
}
