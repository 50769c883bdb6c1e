package dev.seva.simulator.standin;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Media as the Cloud API serves it: upload, describe, download with the token, delete. */
class MediaTest extends StandInTest {

    static final byte[] PDF = "%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF".getBytes(StandardCharsets.US_ASCII);
    static final Map<String, String> FIELDS = Map.of("messaging_product", "whatsapp", "type", "application/pdf");



    @Test
    void uploadsThenDescribesThenDownloadsWithTheToken() {
        Http.Answer upload = http.upload("/v23.0/106540352242922/media", FIELDS, "certificate.pdf", "application/pdf", PDF);
        String id = upload.json().get("id").asText();

        JsonNode described = http.get("/v23.0/" + id).json();
        Http.Answer download = http.get(described.get("url").asText());

        assertThat(upload.status()).isEqualTo(200);
        assertThat(upload.json().size()).isEqualTo(1);
        assertThat(id).matches("[1-9][0-9]{15}");
        assertThat(described.get("messaging_product").asText()).isEqualTo("whatsapp");
        assertThat(described.get("id").asText()).isEqualTo(id);
        assertThat(described.get("mime_type").asText()).isEqualTo("application/pdf");
        assertThat(described.get("sha256").asText()).isEqualTo(MediaStore.sha256(PDF));
        assertThat(described.get("file_size").asInt()).isEqualTo(PDF.length);
        assertThat(described.get("url").asText()).startsWith(meta.baseUrl() + "/whatsapp_business/attachments/?mid=" + id);
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.bytes()).isEqualTo(PDF);
    }

    @Test
    void refusesTheDownloadWithoutTokenOrWithATamperedUrl() {
        String id = http.upload("/v23.0/106540352242922/media", FIELDS, "c.pdf", "application/pdf", PDF).json().get("id").asText();
        String url = http.get("/v23.0/" + id).json().get("url").asText();

        assertThat(http.get(url, null).status()).isEqualTo(401);
        assertThat(http.get(url.replaceAll("hash=[0-9a-f]+", "hash=00"), Http.TOKEN).status()).isEqualTo(404);
        assertThat(http.get(url.replaceAll("ext=[0-9]+", "ext=1"), Http.TOKEN).status()).isEqualTo(404);
    }

    @Test
    void deletesMediaThenNoLongerKnowsIt() {
        String id = http.upload("/v23.0/106540352242922/media", FIELDS, "c.pdf", "application/pdf", PDF).json().get("id").asText();

        Http.Answer deleted = http.delete("/v23.0/" + id);
        Http.Answer described = http.get("/v23.0/" + id);

        assertThat(deleted.json().get("success").asBoolean()).isTrue();
        assertThat(described.status()).isEqualTo(400);
        assertThat(described.json().at("/error/error_subcode").asInt()).isEqualTo(33);
    }

    @Test
    void refusesAnUploadWithoutMessagingProductOrFileOrOfAnUnsupportedType() {
        Http.Answer noProduct = http.upload("/v23.0/106540352242922/media", Map.of("type", "application/pdf"), "c.pdf", "application/pdf", PDF);
        Http.Answer noFile = http.upload("/v23.0/106540352242922/media", FIELDS, null, null, null);
        Http.Answer exe = http.upload("/v23.0/106540352242922/media", Map.of("messaging_product", "whatsapp", "type", "application/x-msdownload"),
                "x.exe", "application/x-msdownload", PDF);

        assertThat(noProduct.json().at("/error/code").asInt()).isEqualTo(100);
        assertThat(noProduct.json().at("/error/error_data/details").asText()).contains("messaging_product");
        assertThat(noFile.json().at("/error/code").asInt()).isEqualTo(100);
        assertThat(noFile.json().at("/error/error_data/details").asText()).contains("file");
        assertThat(exe.status()).isEqualTo(400);
        assertThat(exe.json().at("/error/code").asInt()).isEqualTo(131053);
    }
}
