namespace Herald.Core.Audiences;

/// <summary>What the build step needs: the user's query, the column it must return, and the rule its values must pass.</summary>
/// <param name="ValueRule">The destination's rule for the attribute's values (IDestinationPlugin.ValueRuleOf); null for any non-empty text.</param>
/// <param name="SampleSize">
/// A test send's sample: at most this many sendable values (after the value rules, in the values' order), the rest set
/// aside as <see cref="SetAsideReasons.BeyondSample"/>; null for every sendable value.
/// </param>
public sealed record AudienceQuery(string Sql, string AttributeName, ValueRule? ValueRule = null, int? SampleSize = null)
{
    /// <summary>The kind of the values; any text when the destination has no rule for the attribute.</summary>
    public AttributeType AttributeType => ValueRule?.Type ?? AttributeType.Text;
}
