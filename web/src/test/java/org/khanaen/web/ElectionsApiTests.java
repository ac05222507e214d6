package org.khanaen.web;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** The public reference-data API, against the embedded database with the 2023 election loaded. */
@FullStackTest
class ElectionsApiTests {

    @Autowired
    MockMvc mvc;

    @Test
    void listsEachElectionWithItsCounts() throws Exception {
        mvc.perform(get("/api/v1/elections"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$[?(@.id == 'th-2566')].counts.provinces").value(77))
                .andExpect(jsonPath("$[?(@.id == 'th-2566')].counts.constituencies").value(400))
                .andExpect(jsonPath("$[?(@.id == 'th-2566')].counts.registeredVoters").value(52_195_920))
                .andExpect(jsonPath("$[?(@.id == 'th-2566')].counts.parties").value(70))
                .andExpect(jsonPath("$[?(@.id == 'th-2566')].counts.candidates").value(4_781))
                .andExpect(jsonPath("$[?(@.id == 'th-2566')].counts.stations").value(94_904))
                .andExpect(jsonPath("$[?(@.id == 'th-2566')].name.en").value("2023 Thai general election"));
    }

    @Test
    void aConstituencyHasItsCandidatesAndStations() throws Exception {
        mvc.perform(get("/api/v1/elections/th-2566/constituencies/BKK_1"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.code").value("BKK_1"))
                .andExpect(jsonPath("$.province.code").value("BKK"))
                .andExpect(jsonPath("$.registeredVoters").value(137_554))
                .andExpect(jsonPath("$.candidates[0].ballotNumber").value(1))
                .andExpect(jsonPath("$.stations.length()").value(250))
                .andExpect(jsonPath("$.stations[0].code").value("BKK_1-001"));
    }

    @Test
    void constituenciesCanBeListedPerProvince() throws Exception {
        mvc.perform(get("/api/v1/elections/th-2566/constituencies").param("province", "BKK"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(33))
                .andExpect(jsonPath("$[*].code", hasItem("BKK_33")));
    }

    @Test
    void stationsComeAPageAtATime() throws Exception {
        mvc.perform(get("/api/v1/elections/th-2566/stations").param("constituency", "BKK_1").param("size", "100").param("page", "2"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.content.length()").value(50))
                .andExpect(jsonPath("$.page.totalElements").value(250))
                .andExpect(jsonPath("$.page.totalPages").value(3))
                .andExpect(jsonPath("$.content[0].code").value("BKK_1-201"));
    }

    @Test
    void anUnknownElectionIsAProblemDetail() throws Exception {
        mvc.perform(get("/api/v1/elections/th-2599/constituencies"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(404))
                .andExpect(jsonPath("$.detail").value("election th-2599 not found"))
                .andExpect(jsonPath("$.instance").value("/api/v1/elections/th-2599/constituencies"));
    }

    @Test
    void tooLargeAPageIsRefusedSayingWhy() throws Exception {
        mvc.perform(get("/api/v1/elections/th-2566/stations").param("size", "5000"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail", containsString("size")))
                .andExpect(jsonPath("$.detail", containsString("1000")));
    }

    @Test
    void aStationIdThatIsNotANumberIsABadRequest() throws Exception {
        mvc.perform(get("/api/v1/elections/th-2566/stations/BKK_1-001"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    }
}
