package com.goafwatch.report;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import com.goafwatch.security.ProjectAccess;
import com.goafwatch.system.ApiException;

import tools.jackson.databind.ObjectMapper;

/** Generates a report in the asked format, stores it byte for byte with its SHA-256, and finds it again by id or hash. */
@Service
public class ReportService {

    public static final List<String> FORMATS = List.of("pdf", "json", "xlsx", "csv", "docx");

    /** A stored report's identity (the bytes are fetched separately). */
    public record StoredReport(long id, long projectId, long phaseId, String format, String language, Instant dataFrom, Instant dataTo,
            String sha256, long sizeBytes, String verdict, String generatedBy, Instant generatedAt, Long generationMillis, Long influxMillis) {
    }

    private final ReportAssembler assembler;
    private final ReportProperties properties;
    private final ProjectAccess access;
    private final ObjectMapper mapper;
    private final JdbcClient jdbc;
    private volatile PdfReportWriter pdf;

    ReportService(ReportAssembler assembler, ReportProperties properties, ProjectAccess access, ObjectMapper mapper, JdbcClient jdbc) {
        this.assembler = assembler;
        this.properties = properties;
        this.access = access;
        this.mapper = mapper;
        this.jdbc = jdbc;
    }

    public StoredReport generate(long phaseId, String format, String language, Instant at) {
        if (!FORMATS.contains(format)) {
            throw ApiException.badRequest("invalid-format", "format must be one of " + FORMATS + ", got '" + format + "'");
        }
        if (!"zh".equals(language) && !"en".equals(language)) {
            throw ApiException.badRequest("invalid-language", "language must be zh or en, got '" + language + "'");
        }
        long t0 = System.nanoTime();
        String by = access.current() == null ? "system" : access.current().name();
        ReportAssembler.Assembled a = assembler.assemble(phaseId, at, language, by);
        byte[] bytes = switch (format) {
            case "pdf" -> pdfWriter().write(a.content(), a.map());
            case "json" -> mapper.writeValueAsBytes(a.content());
            case "xlsx" -> ReportTables.xlsx(ReportTables.of(a.content()));
            case "docx" -> DocxReportWriter.write(a.content(), a.map());
            default -> ReportTables.csvZip(ReportTables.of(a.content()));
        };
        long millis = (System.nanoTime() - t0) / 1_000_000;
        var meta = a.content().meta();
        long id = jdbc.sql("""
                INSERT INTO report (project_id, phase_id, format, language, data_from, data_to, sha256, size_bytes, content, verdict, generated_by)
                SELECT project_id, id, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM phase WHERE id = ? RETURNING id""")
                .params(format, language, Timestamp.from(meta.windowFrom()), Timestamp.from(meta.windowTo()), sha256(bytes), bytes.length, bytes,
                        a.content().summary().verdict().json(), by, phaseId)
                .query(Long.class).single();
        StoredReport stored = find(id).orElseThrow();
        return new StoredReport(stored.id(), stored.projectId(), stored.phaseId(), stored.format(), stored.language(), stored.dataFrom(),
                stored.dataTo(), stored.sha256(), stored.sizeBytes(), stored.verdict(), stored.generatedBy(), stored.generatedAt(), millis,
                a.influxNanos() / 1_000_000);
    }

    public Optional<StoredReport> find(long id) {
        return jdbc.sql(SELECT + " WHERE id = ?").param(id).query(this::map).optional();
    }

    public List<StoredReport> ofPhase(long phaseId) {
        return jdbc.sql(SELECT + " WHERE phase_id = ? ORDER BY id DESC").param(phaseId).query(this::map).list();
    }

    public byte[] content(long id) {
        return jdbc.sql("SELECT content FROM report WHERE id = ?").param(id).query(byte[].class).optional()
                .orElseThrow(() -> ApiException.notFound("report", id));
    }

    /** Stored reports with this SHA-256 (hex), among the projects the caller may see. */
    public List<StoredReport> withHash(String sha256) {
        var visible = access.visibleProjects();
        return jdbc.sql(SELECT + " WHERE sha256 = ? ORDER BY id").param(sha256).query(this::map).list().stream()
                .filter(r -> visible == null || visible.contains(r.projectId())).toList();
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private PdfReportWriter pdfWriter() {
        if (pdf == null) {
            pdf = new PdfReportWriter(properties.fontRegular(), properties.fontBold());
        }
        return pdf;
    }

    private static final String SELECT = "SELECT id, project_id, phase_id, format, language, data_from, data_to, sha256, size_bytes, verdict, "
            + "generated_by, generated_at FROM report";

    private StoredReport map(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        return new StoredReport(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5), rs.getTimestamp(6).toInstant(),
                rs.getTimestamp(7).toInstant(), rs.getString(8), rs.getLong(9), rs.getString(10), rs.getString(11),
                rs.getTimestamp(12).toInstant(), null, null);
    }

    static Map<String, String> contentTypes() {
        return Map.of("pdf", "application/pdf", "json", "application/json", "xlsx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "csv", "application/zip", "docx",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    }
}
