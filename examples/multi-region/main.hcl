# The same service in two regions, through two configurations of one provider.

provider "apprunner" {
  region = "eu-west-1"
}

provider "apprunner" {
  alias  = "us"
  region = "us-east-1"
}

locals {
  image = "public.ecr.aws/nginx/nginx:latest"
}

resource "apprunner_service" "eu" {
  service_name = "hello-eu"

  source_configuration {
    auto_deployments_enabled = false
    image_repository {
      image_identifier      = local.image
      image_repository_type = "ECR_PUBLIC"
    }
  }
}

resource "apprunner_service" "us" {
  provider     = apprunner.us
  service_name = "hello-us"

  source_configuration {
    auto_deployments_enabled = false
    image_repository {
      image_identifier      = local.image
      image_repository_type = "ECR_PUBLIC"
    }
  }
}

output "urls" {
  value = [apprunner_service.eu.service_url, apprunner_service.us.service_url]
}
