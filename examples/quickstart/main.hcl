# A small App Runner estate: one image-based web service with its own auto scaling
# configuration and a custom domain. `npm run quickstart` runs it against the local emulator.

provider "apprunner" {
  region = var.region
}

variable "region" {
  type    = string
  default = "eu-west-1"
}

variable "image" {
  description = "The container image the service runs."
  type        = string
  default     = "public.ecr.aws/nginx/nginx:latest"
}

variable "api_key" {
  description = "A secret the application reads from its environment."
  type        = string
  default     = "change-me"
  sensitive   = true
}

locals {
  name = "quickstart-web"
  tags = {
    app   = "quickstart"
    owner = "platform"
  }
}

resource "apprunner_auto_scaling_configuration" "web" {
  auto_scaling_configuration_name = "${local.name}-scaling"
  max_concurrency                 = 50
  min_size                        = 1
  max_size                        = 3
  tags                            = local.tags
}

resource "apprunner_service" "web" {
  service_name = local.name

  source_configuration {
    auto_deployments_enabled = false
    image_repository {
      image_identifier      = var.image
      image_repository_type = "ECR_PUBLIC"
      image_configuration {
        port = "80"
        runtime_environment_variables = {
          API_KEY = var.api_key
          MODE    = "demo"
        }
      }
    }
  }

  instance_configuration {
    cpu    = "1 vCPU"
    memory = "2 GB"
  }

  health_check_configuration {
    protocol = "HTTP"
    path     = "/"
  }

  auto_scaling_configuration_arn = apprunner_auto_scaling_configuration.web.arn
  tags                           = local.tags
}

resource "apprunner_custom_domain" "web" {
  service_arn          = apprunner_service.web.arn
  domain_name          = "quickstart.example.com"
  enable_www_subdomain = true
}

output "service_url" {
  description = "The public URL App Runner gives the service."
  value       = apprunner_service.web.service_url
}

output "dns_target" {
  description = "Point the custom domain's CNAME here."
  value       = apprunner_custom_domain.web.dns_target
}
