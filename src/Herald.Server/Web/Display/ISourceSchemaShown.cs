using Herald.Core.Audiences;

namespace Herald.Server.Web.Display;

/// <summary>A form that shows the customer 360's tables beside its SQL editor (the orchestration's, the segment's).</summary>
internal interface ISourceSchemaShown
{
    /// <summary>The customer 360's tables and columns; null when they could not be read.</summary>
    SourceSchema? Schema { get; }

    /// <summary>Why <see cref="Schema"/> is missing (the source cannot be opened, the previews' gate is full).</summary>
    string? SchemaProblem { get; }
}
