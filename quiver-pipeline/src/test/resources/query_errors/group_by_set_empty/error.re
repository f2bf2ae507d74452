^Found the token `\)` but expected
