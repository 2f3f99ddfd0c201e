using Herald.Sources.DuckDb.Sample;

namespace Herald.Sources.DuckDb.Tests.Sample;

[Collection(SampleDatabaseCollection.Name)]
public sealed class SampleCustomer360ContentTests(SampleDatabaseFixture fixture)
{
    // An address a sender would accept once trimmed: something, one @, something with a dot, no whitespace.
    private const string WellFormedEmail = @"^[^@\s]+@[^@\s]+\.[^@\s]+$";

    private readonly SampleDatabase _database = fixture.Database;

    [Fact]
    public void Customer_360_HasOneRowPerCustomerWithAUniqueUuid()
    {
        _database.Count("SELECT count(*) FROM Customer_360").ShouldBe(SampleDatabaseFixture.Customers);
        _database.Count("SELECT count(DISTINCT amperity_id) FROM Customer_360").ShouldBe(SampleDatabaseFixture.Customers);
        _database.Count("""
            SELECT count(*) FROM Customer_360
            WHERE NOT regexp_full_match(amperity_id, '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}')
            """).ShouldBe(0);
    }

    [Fact]
    public void Emails_AreMissingEmptyMalformedOrUntidyInTheStatedShares()
    {
        CustomerShare("email IS NULL").ShouldBeInRange(0.02, 0.04);
        CustomerShare("email = ''").ShouldBeInRange(0.01, 0.03);
        CustomerShare($"email <> '' AND NOT regexp_full_match(trim(email), '{WellFormedEmail}')").ShouldBeInRange(0.01, 0.03);
        CustomerShare("email <> lower(trim(email))").ShouldBeInRange(0.04, 0.065);
    }

    [Fact]
    public void Emails_AreSometimesSharedByTwoCustomers()
    {
        var share = CustomerShare("""
            lower(trim(email)) IN (
                SELECT lower(trim(email)) FROM Customer_360 WHERE email <> '' GROUP BY ALL HAVING count(*) > 1)
            """);

        // About 1% of customers copy another's address, so about 2% of customers are in a shared pair.
        share.ShouldBeInRange(0.01, 0.03);
    }

    [Fact]
    public void Emails_RarelyContainACommaAQuoteOrALineBreak()
    {
        var share = CustomerShare("regexp_matches(email, '[,\"''\n]')");

        share.ShouldBeGreaterThan(0);
        share.ShouldBeLessThan(0.005);
    }

    [Fact]
    public void Phones_AreInSeveralFormatsWithAThirdInE164()
    {
        CustomerShare("phone IS NULL").ShouldBeInRange(0.04, 0.08);
        CustomerShare(@"regexp_full_match(phone, '\+1[2-9][0-9]{9}')").ShouldBeInRange(0.25, 0.35);
        CustomerShare(@"NOT regexp_full_match(phone, '\+1[2-9][0-9]{9}')").ShouldBeGreaterThan(0.5);
        _database.Count("SELECT count(DISTINCT regexp_replace(phone, '[0-9]', '9', 'g')) FROM Customer_360")
            .ShouldBeGreaterThanOrEqualTo(7);
    }

    [Fact]
    public void Names_IncludeNonAsciiLettersCommasAndQuotes()
    {
        CustomerShare("regexp_matches(given_name || surname, '[^\\x00-\\x7F]')").ShouldBeGreaterThan(0.05);
        _database.Count("SELECT count(*) FROM Customer_360 WHERE surname IN ('Ñuñez', 'Müller') OR given_name IN ('José', 'Zoë', 'Łukasz', 'Søren')")
            .ShouldBeGreaterThan(0);
        CustomerShare("surname LIKE '%,%' OR surname LIKE '%''%' OR given_name LIKE '%\"%'").ShouldBeInRange(0.005, 0.05);
        CustomerShare("given_name IS NULL").ShouldBeInRange(0.001, 0.01);
    }

    [Fact]
    public void Addresses_AreUntidyTheWayRealOnesAre()
    {
        CustomerShare("length(state) > 2").ShouldBeGreaterThan(0);
        CustomerShare("state <> upper(state)").ShouldBeGreaterThan(0);
        CustomerShare(@"regexp_full_match(postal, '[0-9]{5}-[0-9]{4}')").ShouldBeGreaterThan(0);
        CustomerShare(@"regexp_full_match(postal, '[0-9]{4}')").ShouldBeGreaterThan(0);
        CustomerShare("address LIKE '%,%'").ShouldBeGreaterThan(0);
        CustomerShare("city IS NULL").ShouldBeInRange(0.005, 0.02);
    }

    [Fact]
    public void Demographics_HaveGapsAndPlaceholders()
    {
        _database.Texts("SELECT DISTINCT coalesce(gender, 'NULL') FROM Customer_360 ORDER BY 1")
            .ShouldBe(["F", "M", "NULL", "X"]);
        CustomerShare("birthdate IS NULL").ShouldBeInRange(0.015, 0.035);
        CustomerShare("birthdate = DATE '1900-01-01'").ShouldBeGreaterThan(0);
    }

    [Fact]
    public void LoyaltyTiers_HaveAboutOneCustomerInTenGold()
    {
        CustomerShare("loyalty_tier = 'gold'").ShouldBeInRange(0.08, 0.12);
        _database.Texts("SELECT DISTINCT coalesce(loyalty_tier, 'none') FROM Customer_360 ORDER BY 1")
            .ShouldBe(["bronze", "gold", "none", "silver"]);
    }

    [Fact]
    public void Pii_Columns_ListsThePersonalColumnsOfCustomer_360()
    {
        _database.Texts("SELECT column_name FROM Pii_Columns WHERE table_name = 'Customer_360' ORDER BY column_name")
            .ShouldBe(SampleCustomer360.PiiColumns.Order(StringComparer.Ordinal).ToList());
        _database.Count("""
            SELECT count(*) FROM Pii_Columns p
            ANTI JOIN information_schema.columns c ON c.table_name = p.table_name AND c.column_name = p.column_name
            """).ShouldBe(0);
    }

    private double CustomerShare(string condition) =>
        _database.Fraction($"SELECT avg(CASE WHEN {condition} THEN 1 ELSE 0 END) FROM Customer_360");
}
