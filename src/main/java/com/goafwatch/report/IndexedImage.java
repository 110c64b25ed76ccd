package com.goafwatch.report;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A figure as an 8-bit palette image: the 256 most frequent colours kept exactly, every other (anti-aliasing's edge
 * shades) mapped to the nearest of them. Maps and charts are flat colours, lines and text, so nothing visible is lost,
 * and the PNG in the PDF and the .docx is about a third of the 24-bit one (a phase's report stays a size people can
 * mail and upload).
 */
final class IndexedImage {

    private IndexedImage() {
    }

    static BufferedImage of(BufferedImage rgb) {
        int w = rgb.getWidth();
        int h = rgb.getHeight();
        int[] pixels = rgb.getRGB(0, 0, w, h, null, 0, w);
        Map<Integer, int[]> counts = new HashMap<>();
        for (int p : pixels) {
            counts.computeIfAbsent(p & 0xffffff, k -> new int[1])[0]++;
        }
        List<Map.Entry<Integer, int[]>> byCount = new ArrayList<>(counts.entrySet());
        byCount.sort((a, b) -> Integer.compare(b.getValue()[0], a.getValue()[0]));
        int n = Math.min(256, byCount.size());
        byte[] r = new byte[n];
        byte[] g = new byte[n];
        byte[] b = new byte[n];
        int[] palette = new int[n];
        Map<Integer, Integer> index = new HashMap<>();
        for (int i = 0; i < n; i++) {
            int c = byCount.get(i).getKey();
            palette[i] = c;
            r[i] = (byte) (c >> 16);
            g[i] = (byte) (c >> 8);
            b[i] = (byte) c;
            index.put(c, i);
        }
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_INDEXED, new IndexColorModel(8, n, r, g, b));
        byte[] data = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < pixels.length; i++) {
            data[i] = (byte) (int) index.computeIfAbsent(pixels[i] & 0xffffff, c -> nearest(c, palette));
        }
        return out;
    }

    /**
     * An indexed image for OpenPDF as it is: one byte a pixel, deflated, with an {@code /Indexed /DeviceRGB} colour space
     * (OpenPDF would expand a palette PNG to 24-bit RGB).
     */
    static com.lowagie.text.Image pdf(BufferedImage indexed) {
        IndexColorModel cm = (IndexColorModel) indexed.getColorModel();
        int n = cm.getMapSize();
        byte[] palette = new byte[3 * n];
        for (int i = 0; i < n; i++) {
            palette[3 * i] = (byte) cm.getRed(i);
            palette[3 * i + 1] = (byte) cm.getGreen(i);
            palette[3 * i + 2] = (byte) cm.getBlue(i);
        }
        byte[] pixels = ((DataBufferByte) indexed.getRaster().getDataBuffer()).getData();
        java.io.ByteArrayOutputStream deflated = new java.io.ByteArrayOutputStream();
        try (var out = new java.util.zip.DeflaterOutputStream(deflated, new java.util.zip.Deflater(java.util.zip.Deflater.BEST_COMPRESSION))) {
            out.write(pixels);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        try {
            com.lowagie.text.Image img = com.lowagie.text.Image.getInstance(indexed.getWidth(), indexed.getHeight(), 1, 8, deflated.toByteArray());
            img.setDeflated(true);
            com.lowagie.text.pdf.PdfArray space = new com.lowagie.text.pdf.PdfArray();
            space.add(com.lowagie.text.pdf.PdfName.INDEXED);
            space.add(com.lowagie.text.pdf.PdfName.DEVICERGB);
            space.add(new com.lowagie.text.pdf.PdfNumber(n - 1));
            space.add(new com.lowagie.text.pdf.PdfString(palette));
            com.lowagie.text.pdf.PdfDictionary additional = new com.lowagie.text.pdf.PdfDictionary();
            additional.put(com.lowagie.text.pdf.PdfName.COLORSPACE, space);
            img.setAdditional(additional);
            return img;
        } catch (com.lowagie.text.BadElementException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int nearest(int c, int[] palette) {
        int best = 0;
        long bestDistance = Long.MAX_VALUE;
        for (int i = 0; i < palette.length; i++) {
            long dr = ((c >> 16) & 0xff) - ((palette[i] >> 16) & 0xff);
            long dg = ((c >> 8) & 0xff) - ((palette[i] >> 8) & 0xff);
            long db = (c & 0xff) - (palette[i] & 0xff);
            long d = dr * dr + dg * dg + db * db;
            if (d < bestDistance) {
                bestDistance = d;
                best = i;
            }
        }
        return best;
    }
}
