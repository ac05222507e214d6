package org.khanaen.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.khanaen.elections.ElectionCatalog;
import org.khanaen.elections.ElectionImports;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import tools.jackson.databind.json.JsonMapper;

/**
 * The ECT-compatible feed's reference files are the commission's own files, byte for byte (layout, byte-order mark,
 * line ends), when the election was imported from them; public, with caching headers a CDN can work with; absent
 * where an election has nothing they could describe. (The results files are compared with the commission's sample in
 * ReplayTests (benchmarks).)
 */
@FullStackTest
class EctFeedTests {

    /** The commission's files as published, kept unchanged in the repository (their source: its SOURCES.md). */
    static final Path ECT = Path.of("../elections/src/main/resources/reference/th-2566");

    @Autowired MockMvc mvc;
    @Autowired JsonMapper json;
    @Autowired ElectionImports imports;
    @Autowired ElectionCatalog catalog;

    @ParameterizedTest
    @ValueSource(strings = { "province", "constituency", "party_overview", "mp_candidate" })
    void theReferenceFilesAreTheCommissionsOwnByteForByte(String name) throws Exception {
        byte[] original = Files.readAllBytes(ECT.resolve("th_election66_info_" + name + ".json"));

        MvcResult answer = mvc.perform(get("/ect/th-2566/refs/info_" + name + ".json")).andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "application/json;charset=UTF-8"))
                .andExpect(header().string("Cache-Control", "max-age=600, public, stale-if-error=86400, stale-while-revalidate=3600"))
                .andExpect(header().string("Access-Control-Allow-Origin", "*")).andReturn();
        byte[] ours = answer.getResponse().getContentAsByteArray();

        // field by field first (a readable difference), then every byte: BOM, line ends, spacing
        int bom = name.equals("party_overview") ? 3 : 0;
        assertThat(JsonDifferences.of(json.readTree(new String(original, bom, original.length - bom, "UTF-8")),
                json.readTree(new String(ours, bom, ours.length - bom, "UTF-8")), Map.of())).isEmpty();
        assertThat(ours).isEqualTo(original);
        assertThat(answer.getResponse().getHeader("Set-Cookie")).isNull();
    }

    @Test
    void aMatchingETagIsAnswered304WithTheSameCachingHeaders() throws Exception {
        for (String path : List.of("/ect/th-2566/refs/info_province.json", "/ect/th-2566/records/stats_cons.json",
                "/ect/th-2566/records/stats_party.json")) {
            MvcResult first = mvc.perform(get(path)).andExpect(status().isOk()).andReturn();
            String etag = first.getResponse().getHeader("ETag");
            assertThat(etag).as(path).matches("\"[A-Za-z0-9_-]{22}\"");

            mvc.perform(get(path).header("If-None-Match", etag)).andExpect(status().isNotModified())
                    .andExpect(header().string("ETag", etag))
                    .andExpect(header().string("Cache-Control", first.getResponse().getHeader("Cache-Control")));
            mvc.perform(get(path).header("If-None-Match", "\"something-else\"")).andExpect(status().isOk());
        }
        mvc.perform(get("/ect/th-2566/records/stats_cons.json"))
                .andExpect(header().string("Cache-Control", "max-age=5, public, stale-if-error=600, stale-while-revalidate=30"));
    }

    @Test
    void aClientThatTakesGzipGetsTheSameBytesCompressedUnderTheirOwnETag() throws Exception {
        for (String path : List.of("/ect/th-2566/records/stats_cons.json", "/ect/th-2566/records/stats_party.json",
                "/ect/th-2566/refs/info_province.json")) {
            MvcResult plain = mvc.perform(get(path)).andExpect(status().isOk()).andReturn();
            String etag = plain.getResponse().getHeader("ETag");
            assertThat(plain.getResponse().getHeader("Content-Encoding")).as(path).isNull();
            assertThat(String.join(",", plain.getResponse().getHeaders("Vary"))).as(path).contains("Accept-Encoding");

            MvcResult gzipped = mvc.perform(get(path).header("Accept-Encoding", "gzip, deflate, br")).andExpect(status().isOk())
                    .andExpect(header().string("Content-Encoding", "gzip"))
                    .andExpect(header().string("Content-Type", "application/json;charset=UTF-8")).andReturn();
            String gzipEtag = gzipped.getResponse().getHeader("ETag");
            assertThat(gzipEtag).as(path).isEqualTo(etag.substring(0, etag.length() - 1) + "-gz\"");
            assertThat(String.join(",", gzipped.getResponse().getHeaders("Vary"))).as(path).contains("Accept-Encoding");
            byte[] compressed = gzipped.getResponse().getContentAsByteArray();
            assertThat(compressed.length).as(path).isLessThan(plain.getResponse().getContentAsByteArray().length);
            try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(compressed))) {
                assertThat(in.readAllBytes()).as(path).isEqualTo(plain.getResponse().getContentAsByteArray());
            }

            // each representation revalidates under its own ETag
            MvcResult revalidated = mvc.perform(get(path).header("Accept-Encoding", "gzip").header("If-None-Match", gzipEtag))
                    .andExpect(status().isNotModified()).andExpect(header().string("ETag", gzipEtag))
                    .andExpect(header().string("Cache-Control", gzipped.getResponse().getHeader("Cache-Control"))).andReturn();
            assertThat(String.join(",", revalidated.getResponse().getHeaders("Vary"))).as(path).contains("Accept-Encoding");
            assertThat(revalidated.getResponse().getHeader("Last-Modified")).as(path).isEqualTo(gzipped.getResponse().getHeader("Last-Modified"));
            mvc.perform(get(path).header("Accept-Encoding", "gzip").header("If-None-Match", etag)).andExpect(status().isOk())
                    .andExpect(header().string("ETag", gzipEtag));
            mvc.perform(get(path).header("If-None-Match", gzipEtag)).andExpect(status().isOk()).andExpect(header().string("ETag", etag))
                    .andExpect(header().doesNotExist("Content-Encoding"));
        }
    }

    @Test
    void gzipIsSentOnlyWhenAcceptEncodingTakesIt() throws Exception {
        String path = "/ect/th-2566/records/stats_cons.json";
        Map<String, Boolean> takes = new java.util.LinkedHashMap<>();
        takes.put("gzip", true);
        takes.put("GZIP;Q=0.001", true);
        takes.put("br;q=1.0, gzip;q=0.8", true);
        takes.put("*", true);
        takes.put("x-gzip", true);
        takes.put("gzip;q=0", false);
        takes.put("gzip; q=0.000, deflate", false);
        takes.put("gzip;q=0, *", false);
        takes.put("*;q=0", false);
        takes.put("identity", false);
        takes.put("deflate, br", false);
        takes.put("gzip;q=2", false); // not a q-value
        takes.forEach((acceptEncoding, gzip) -> {
            try {
                MvcResult a = mvc.perform(get(path).header("Accept-Encoding", acceptEncoding)).andExpect(status().isOk()).andReturn();
                assertThat(a.getResponse().getHeader("Content-Encoding")).as(acceptEncoding).isEqualTo(gzip ? "gzip" : null);
                assertThat(a.getResponse().getHeader("ETag")).as(acceptEncoding).matches(gzip ? "\"[A-Za-z0-9_-]{22}-gz\"" : "\"[A-Za-z0-9_-]{22}\"");
            } catch (Exception e) {
                throw new AssertionError(acceptEncoding, e);
            }
        });
    }

    @Test
    void unknownFilesAndElectionsAre404AndNothingButReadingIsAllowed() throws Exception {
        for (String path : List.of("/ect/th-2566/refs/info_nothing.json", "/ect/th-2566/records/stats_cons.csv",
                "/ect/no-such-election/refs/info_province.json", "/ect/no-such-election/records/stats_party.json")) {
            mvc.perform(get(path)).andExpect(status().isNotFound())
                    .andExpect(header().string("Content-Type", "application/problem+json"));
        }
        mvc.perform(post("/ect/th-2566/records/stats_cons.json")).andExpect(status().isForbidden());
    }

    @Test
    void anElectionWithoutAConstituencyRaceAndAPartyListHasOnlyTheReferenceFilesThatFit() throws Exception {
        if (!catalog.exists("bkk-2565-example")) { // a governor and a council: no party list, no MPs
            imports.importFile("bkk-2565-example.json", Files.readAllBytes(Path.of("../docs/examples/bkk-2565-example.json")));
        }
        for (String file : List.of("refs/info_province.json", "refs/info_constituency.json", "refs/info_party_overview.json")) {
            mvc.perform(get("/ect/bkk-2565-example/" + file)).andExpect(status().isOk());
        }
        for (String file : List.of("refs/info_mp_candidate.json", "records/stats_cons.json", "records/stats_party.json")) {
            mvc.perform(get("/ect/bkk-2565-example/" + file)).andExpect(status().isNotFound());
        }
        String constituencies = mvc.perform(get("/ect/bkk-2565-example/refs/info_constituency.json")).andReturn().getResponse()
                .getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(json.readTree(constituencies)).hasSize(50);
    }
}
