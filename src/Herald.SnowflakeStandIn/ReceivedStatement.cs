namespace Herald.SnowflakeStandIn;

/// <summary>A statement submission the stand-in received: what it asked and what happened.</summary>
/// <param name="RequestId">The <c>requestId</c> query parameter, or null.</param>
/// <param name="Retry">Whether <c>retry=true</c> was sent.</param>
/// <param name="Text">The statement text as sent.</param>
/// <param name="BindingCount">Bind variables sent with it.</param>
/// <param name="StatementCount">Statements in the text.</param>
/// <param name="Executed">True when this submission ran the text; false when a fault answered it, it was refused, or
/// it was a retry answered from the first run.</param>
/// <param name="Status">The HTTP status of the answer.</param>
public sealed record ReceivedStatement(string? RequestId, bool Retry, string Text, int BindingCount, int StatementCount, bool Executed, int Status);
