package org.khanaen.web;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

/** Pages for people: Thai first, English on request, friendly errors, the administrator's import. */
@FullStackTest
class PagesTests {

    @Autowired
    MockMvc mvc;

    @Test
    void theHomePageIsInThaiUnlessEnglishIsChosen() throws Exception {
        mvc.perform(get("/"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("<html lang=\"th\"")))
                .andExpect(content().string(containsString("นับทุกคะแนน")))
                .andExpect(content().string(containsString("14 พฤษภาคม พ.ศ. 2566")));
        mvc.perform(get("/").param("lang", "en"))
                .andExpect(content().string(containsString("<html lang=\"en\"")))
                .andExpect(content().string(containsString("Every vote, from every polling station")))
                .andExpect(content().string(containsString("14 May 2023")));
    }

    @Test
    void anAdministratorBrowsesAConstituency() throws Exception {
        mvc.perform(get("/admin/elections/th-2566/constituencies/BKK_1").with(user("boss").roles("ADMIN")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("BKK_1-250")))
                .andExpect(content().string(containsString("137,554")));
        mvc.perform(get("/admin/elections/th-2566/constituencies/XXX_9").with(user("boss").roles("ADMIN")))
                .andExpect(status().isNotFound());
    }

    @Test
    void aBrokenFileIsExplainedRecordByRecordAndNothingIsLoaded() throws Exception {
        String broken = """
                {"format": "khanaen-election/1", "id": "bad-1", "name": {"th": "ทดสอบ"}, "kind": "LOCAL", "date": "2024-01-01",
                 "provinces": [{"code": "BKK", "name": {"th": "กรุงเทพมหานคร"}, "latitude": 13.7, "longitude": 100.5}],
                 "districts": [],
                 "constituencies": [{"code": "C1", "number": 1, "province": "XYZ", "registered_voters": 1000}],
                 "contests": [{"code": "mayor", "name": {"th": "นายก"}, "scope": "ELECTION", "ballot": "CANDIDATE", "seats": 1, "seat_rule": "PLURALITY"}],
                 "candidates": [], "station_generation": {"seed": 1, "total": 3}}
                """;
        var file = new MockMultipartFile("file", "bad-1.json", "application/json", broken.getBytes(StandardCharsets.UTF_8));

        mvc.perform(multipart("/admin/elections/import/file").file(file).with(csrf()).with(user("boss").roles("ADMIN")))
                .andExpect(redirectedUrl("/admin/elections"))
                .andExpect(flash().attributeExists("problems"));
        mvc.perform(get("/api/v1/elections/bad-1")).andExpect(status().isNotFound());
    }
}
