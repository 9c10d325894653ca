package wrapper

// The project resolver is the client's business, not its users'; the external tests reach it
// through these names.
type ProjectResolver = projectResolver

var NewProjectResolver = newProjectResolver
