/**
 * The streaming workbook toolkit every workbook of the product is written with (SPEC section 9).
 *
 * <p>{@link io.partnersettlement.workbook.WorkbookFile} owns one streaming workbook and its atomic save;
 * {@link io.partnersettlement.workbook.TableWriter} writes a header-and-rows table (bold frozen header,
 * autofilter, widths sized to content, continuation sheets past the row limit, totals as numbers, an optional
 * line chart); {@link io.partnersettlement.workbook.LabelValueWriter} writes label/value blocks such as a
 * statement header. Every text cell is neutralised so that it can never run as a formula.
 */
package io.partnersettlement.workbook;
