/**
 * CQL2 text (OGC 21-065) as far as OGC API – Features Part 3 needs it here: a lexer and recursive-descent parser into
 * an {@link com.goafwatch.cql2.Cql2} syntax tree. Pure: no SQL, no HTTP; {@code ogc.OgcFilterSql} translates the tree.
 */
package com.goafwatch.cql2;
