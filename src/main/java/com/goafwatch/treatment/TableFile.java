package com.goafwatch.treatment;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;

import com.goafwatch.system.ApiException;
import com.goafwatch.system.ZipExpansion;

/**
 * A register as engineers keep it: a CSV (UTF-8, with or without BOM) or the first sheet of an Excel
 * workbook, header in the first row. Rows carry their line/row number as the user sees it.
 */
public final class TableFile {

    public record Row(long number, Map<String, String> fields) {
    }

    private TableFile() {
    }

    /** @param maxUncompressedBytes what an XLSX (a zip) may expand to before POI reads it into memory */
    public static List<Row> read(byte[] content, String nameOrType, long maxUncompressedBytes) {
        if (content.length == 0) {
            throw ApiException.badRequest("empty-body", "the upload is empty");
        }
        boolean excel = isZip(content) || (nameOrType != null && (nameOrType.endsWith(".xlsx") || nameOrType.contains("spreadsheetml")));
        if (excel) {
            ZipExpansion.requireAtMost(content, maxUncompressedBytes, "goafwatch.limits.max-uncompressed-size");
        }
        List<Row> rows = excel ? excel(content) : csv(content);
        if (rows.isEmpty()) {
            throw ApiException.badRequest("empty-table", "the file has a header but no rows");
        }
        return rows;
    }

    private static boolean isZip(byte[] b) {
        return b.length > 3 && b[0] == 'P' && b[1] == 'K' && b[2] == 3 && b[3] == 4;
    }

    private static List<Row> csv(byte[] content) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            throw ApiException.badRequest("invalid-encoding", "the CSV is not UTF-8 (save it as 'CSV UTF-8' or upload the .xlsx)");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<Row> rows = new ArrayList<>();
        try (CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true)
                .setTrim(true).get().parse(new StringReader(text))) {
            int columns = parser.getHeaderNames().size();
            for (CSVRecord r : parser) {
                if (r.size() != columns) {
                    throw ApiException.badRequest("malformed-csv", "line " + (r.getRecordNumber() + 1) + " has " + r.size()
                            + " fields, the header has " + columns);
                }
                rows.add(new Row(r.getRecordNumber() + 1, new LinkedHashMap<>(r.toMap())));
            }
        } catch (IOException | IllegalArgumentException | IllegalStateException | java.io.UncheckedIOException e) {
            throw ApiException.badRequest("malformed-csv", "the CSV cannot be read: " + e.getMessage());
        }
        return rows;
    }

    private static List<Row> excel(byte[] content) {
        try (Workbook book = WorkbookFactory.create(new ByteArrayInputStream(content))) {
            Sheet sheet = book.getSheetAt(0);
            DataFormatter formatter = new DataFormatter();
            org.apache.poi.ss.usermodel.Row header = sheet.getRow(sheet.getFirstRowNum());
            if (header == null) {
                throw ApiException.badRequest("empty-table", "the first sheet is empty");
            }
            List<String> names = new ArrayList<>();
            header.forEach(c -> names.add(formatter.formatCellValue(c).trim()));
            List<Row> rows = new ArrayList<>();
            for (int i = header.getRowNum() + 1; i <= sheet.getLastRowNum(); i++) {
                org.apache.poi.ss.usermodel.Row r = sheet.getRow(i);
                if (r == null) {
                    continue;
                }
                Map<String, String> fields = new LinkedHashMap<>();
                boolean any = false;
                for (int c = 0; c < names.size(); c++) {
                    String v = text(r.getCell(c), formatter);
                    fields.put(names.get(c), v);
                    any |= !v.isBlank();
                }
                if (any) {
                    rows.add(new Row(i + 1L, fields));
                }
            }
            return rows;
        } catch (IOException | RuntimeException e) {
            if (e instanceof ApiException a) {
                throw a;
            }
            throw ApiException.badRequest("malformed-xlsx", "the workbook cannot be read: " + e.getMessage());
        }
    }

    /** Dates as ISO text whatever the cell's display format; numbers without grouping. */
    private static String text(Cell cell, DataFormatter formatter) {
        if (cell == null) {
            return "";
        }
        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
        if (type == CellType.NUMERIC) {
            if (DateUtil.isCellDateFormatted(cell)) {
                return cell.getLocalDateTimeCellValue().toLocalDate().toString();
            }
            return java.math.BigDecimal.valueOf(cell.getNumericCellValue()).stripTrailingZeros().toPlainString();
        }
        return formatter.formatCellValue(cell).trim();
    }
}
