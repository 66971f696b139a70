# doxygen.sed - the filter docs/Doxyfile runs over C files: comments refer to
# parameters as @name; keep doxygen's @param and @return and make every other @word
# a parameter reference (\p word).
s/@(param|return)\b/\\\1/g
s/@([A-Za-z_][A-Za-z0-9_]*)/\\p \1/g
