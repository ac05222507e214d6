package org.khanaen.volunteers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.khanaen.elections.DistrictView;
import org.khanaen.elections.ElectionCatalog;
import org.springframework.stereotype.Component;

/** The districts of the election volunteers are recruited for: district code to province code. */
@Component
class DistrictDirectory {

    private final ElectionCatalog catalog;
    private final RegistryProperties properties;
    private volatile Map<String, String> provinces;

    DistrictDirectory(ElectionCatalog catalog, RegistryProperties properties) {
        this.catalog = catalog;
        this.properties = properties;
    }

    Map<String, String> provinceByDistrict() {
        Map<String, String> known = provinces;
        if (known == null || known.isEmpty()) {
            Map<String, String> loaded = new LinkedHashMap<>();
            catalog.districts(properties.election()).forEach(d -> loaded.put(d.code(), d.province()));
            provinces = known = loaded;
        }
        return known;
    }

    List<DistrictView> districts() {
        return catalog.districts(properties.election());
    }
}
