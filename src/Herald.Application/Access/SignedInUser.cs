using Herald.Core.Access;

namespace Herald.Application.Access;

/// <summary>Who a key or a password belongs to, and what that user may do now.</summary>
public sealed record SignedInUser(HeraldUser User, Grant Grant);
