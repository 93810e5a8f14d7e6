# A service built from source code in a GitHub repository, through an App Runner connection.
# After the first apply, finish the connection's handshake once in the AWS console (App Runner →
# Connected accounts); the local App Runner started with --auto-handshake does it by itself.

provider "apprunner" {
  region = "eu-west-1"
}

variable "repository_url" {
  description = "The GitHub repository App Runner builds from."
  type        = string
  default     = "https://github.com/example-org/hello-app"
}

resource "apprunner_connection" "github" {
  connection_name = "example-github"
  provider_type   = "GITHUB"
}

resource "apprunner_service" "api" {
  service_name = "hello-from-source"

  source_configuration {
    auto_deployments_enabled = true
    authentication_configuration {
      connection_arn = apprunner_connection.github.arn
    }
    code_repository {
      repository_url = var.repository_url
      source_code_version {
        type  = "BRANCH"
        value = "main"
      }
      code_configuration {
        configuration_source = "API"
        code_configuration_values {
          runtime       = "NODEJS_18"
          build_command = "npm ci"
          start_command = "node server.js"
          port          = "8080"
        }
      }
    }
  }
}

output "service_url" {
  value = apprunner_service.api.service_url
}
