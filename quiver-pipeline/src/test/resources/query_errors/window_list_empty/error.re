^Found the token `\]` but expected `<ident>`$
