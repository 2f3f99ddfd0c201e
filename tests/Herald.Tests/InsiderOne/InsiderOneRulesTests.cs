using Herald.InsiderOne;

namespace Herald.Tests.InsiderOne;

public sealed class InsiderOneRulesTests
{
    [Theory]
    [InlineData("VIP customers", true)]
    [InlineData("1234567890123456789012345678901234567890", true)]
    [InlineData("12345678901234567890123456789012345678901", false)]
    [InlineData("", false)]
    [InlineData(" padded", false)]
    public void SegmentName_IsAtMost40CharactersAndNotEmpty(string name, bool valid) =>
        InsiderOneRules.CheckSegmentName(name).Count.ShouldBe(valid ? 0 : 1);

    [Theory]
    [InlineData("email", true)]
    [InlineData("store_id", true)]
    [InlineData("Email", false)]
    [InlineData("store id", false)]
    [InlineData("1st", false)]
    public void AttributeName_IsLowercaseWithoutSpaces(string name, bool valid) =>
        InsiderOneRules.CheckAttributeName(name).Count.ShouldBe(valid ? 0 : 1);

    [Theory]
    [InlineData("mybrand", true)]
    [InlineData("MyBrand", false)]
    [InlineData("my brand", false)]
    public void PartnerName_IsLowercase(string name, bool valid) =>
        InsiderOneRules.CheckPartnerName(name).Count.ShouldBe(valid ? 0 : 1);
}
