namespace Herald.Core.Audiences;

/// <summary>What the build step needs: the user's query and the column it must return.</summary>
public sealed record AudienceQuery(string Sql, string AttributeName)
{
    public AttributeType AttributeType => KnownAttributes.TypeOf(AttributeName);
}
