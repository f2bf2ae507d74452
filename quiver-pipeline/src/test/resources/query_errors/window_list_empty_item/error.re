^Found the token `,` but expected one of `<ident>`, `\]`$
