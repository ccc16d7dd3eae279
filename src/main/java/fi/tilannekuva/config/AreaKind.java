package fi.tilannekuva.config;

/** What an area is: a wellbeing services county, the City of Helsinki, Åland, or the whole country. */
public enum AreaKind {
    COUNTY, CITY, REGION, COUNTRY
}
