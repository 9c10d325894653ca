package enhancedconnections_test

import (
	"context"
	"fmt"
	"log"

	enhancedconnections "github.com/dli-openapi/enhanced-connections"
)

// Load gives the embedded spec as a validated document, for tools that read it at run time.
func ExampleLoad() {
	ctx := context.Background()
	doc, err := enhancedconnections.Load(ctx)
	if err != nil {
		log.Fatal(err)
	}
	op := doc.Paths.Find("/v2.0/{project_id}/datasource/enhanced-connections").Post
	fmt.Println(op.OperationID, doc.Info.Version)
	// Output:
	// CreateEnhancedConnection 0.2.0
}
